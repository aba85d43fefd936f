#include "media/photo.hpp"
