// okrsek_smtp_sink DIR: a real SMTP server on 127.0.0.1 (a free port, printed on stdout as
// "smtp sink listening on 127.0.0.1:PORT") that writes each message it receives to
// DIR/NNNNNN.eml, the envelope in X-Sink-Mail-From / X-Sink-Rcpt-To lines at the top. For
// browser tests and the demo; stops on SIGINT or SIGTERM.
#include <signal.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "support/smtp_sink.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: okrsek_smtp_sink DIR\n";
        return 2;
    }
    const std::filesystem::path folder = argv[1];
    std::filesystem::create_directories(folder);
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    // Blocked before the sink's thread starts, so that only sigwait() below receives them.
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    okrsek::test::SmtpSink sink;
    std::atomic<int> number{0};
    sink.on_message([&](const okrsek::test::SinkMessage& message) {
        std::ostringstream name;
        name << std::setw(6) << std::setfill('0') << ++number << ".eml";
        std::ofstream file(folder / name.str(), std::ios::binary);
        file << "X-Sink-Mail-From: " << message.mail_from << "\r\n";
        for (const auto& recipient : message.recipients)
            file << "X-Sink-Rcpt-To: " << recipient << "\r\n";
        file << message.data;
    });
    std::cout << "smtp sink listening on 127.0.0.1:" << sink.port() << std::endl;
    int received = 0;
    sigwait(&signals, &received);
    return 0;
}
