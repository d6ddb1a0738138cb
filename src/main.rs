use std::process::ExitCode;

fn main() -> ExitCode {
    match praxis::cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            error.print();
            error.exit_code()
        }
    }
}
