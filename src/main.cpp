#include "cli/app.hpp"

int main(int argc, char** argv) {
    return okrsek::cli::run(argc, argv);
}
