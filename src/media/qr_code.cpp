#include "media/qr_code.hpp"
