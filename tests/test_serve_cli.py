"""kg serve's own checks, made before any server starts (no oxigraph process needed)."""
import socket

from click.testing import CliRunner

from kg.cli import main
from kg.serve import free_port, port_in_use, server_error


def listening():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    return s, s.getsockname()[1]


def test_busy_port_is_named(tmp_path):
    s, port = listening()
    with s:
        assert port_in_use("127.0.0.1", port)
        r = CliRunner().invoke(main, ["serve", "--port", str(port), "--out", str(tmp_path)])
    assert r.exit_code == 2
    assert r.stderr == (f"Error: port {port} is in use on 127.0.0.1: stop what listens there, "
                        "or choose another with --port (0: any free port)\n")
    assert not port_in_use("127.0.0.1", port)


def test_busy_view_port_is_named_not_replaced(tmp_path):
    s, port = listening()
    with s:
        r = CliRunner().invoke(main, ["serve", "--port", str(free_port()), "--view-port",
                                      str(port), "--out", str(tmp_path)])
    assert r.exit_code == 2
    assert f"port {port} is in use" in r.stderr and "--view-port" in r.stderr


def test_server_error_is_the_error_line_not_a_backtrace_frame():
    stderr = ("Error: Address already in use (os error 98)\n\nStack backtrace:\n"
              "   0: anyhow::error::<impl anyhow::Error>::msg\n   7: _start\n")
    assert server_error(stderr) == "Address already in use (os error 98)"
    assert server_error("thread 'main' panicked\n   7: _start\n") == "thread 'main' panicked"
    assert server_error("") == ""
