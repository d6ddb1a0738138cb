use std::process::ExitCode;

fn main() -> ExitCode {
    praxis::cli::run()
}
