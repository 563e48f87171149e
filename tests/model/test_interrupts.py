"""model.interrupts: a Ctrl-C or SIGTERM is noted as well as raised, so one that a finalizer swallows
still stops the command at its next step; outside ``noted()`` nothing changes."""

from __future__ import annotations

import os
import signal
import sys

import pytest
from coursekit.model import interrupts


def swallowed(sig: int) -> None:
    """Send ``sig`` and swallow what it raises, as a finalizer or a driver's loop does."""
    try:
        os.kill(os.getpid(), sig)
        for _ in range(3):  # the handler runs at the interpreter's next check
            pass
    except KeyboardInterrupt:
        pass


def test_a_swallowed_ctrl_c_is_noted_and_raised_again_at_the_next_step():
    with interrupts.noted():
        interrupts.stop_if_asked()  # nothing pressed: nothing happens
        swallowed(signal.SIGINT)
        assert interrupts.asked()
        with pytest.raises(KeyboardInterrupt):
            interrupts.stop_if_asked()
    assert not interrupts.asked()  # the next command (a test, serve's next build) starts clean
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_swallowed_sigterm_raises_what_the_sigterm_handler_raises():
    class Terminated(KeyboardInterrupt):
        pass

    def terminate(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        with interrupts.noted():
            swallowed(signal.SIGTERM)
            with pytest.raises(Terminated):  # course.py turns it into exit 143, not 130
                interrupts.stop_if_asked()
        assert signal.getsignal(signal.SIGTERM) is terminate
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_an_ignored_sigint_stays_ignored():
    """A job started in the background with `&` ignores SIGINT: the terminal's Ctrl-C is not for it."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with interrupts.noted():
            os.kill(os.getpid(), signal.SIGINT)
            assert not interrupts.asked()
            interrupts.stop_if_asked()
    finally:
        signal.signal(signal.SIGINT, previous)


def test_only_a_noted_interrupt_is_kept_out_of_pythons_ignored_exception_message():
    seen: list[type] = []
    previous = sys.unraisablehook
    sys.unraisablehook = lambda u: seen.append(u.exc_type)
    try:
        with interrupts.noted():

            def closing():
                try:
                    yield
                finally:
                    raise ValueError("a real fault in a finalizer")

            gen = closing()
            next(gen)
            del gen
            assert seen == [ValueError]  # shown as Python shows it
            seen.clear()

            def interrupted():
                try:
                    yield
                finally:
                    os.kill(os.getpid(), signal.SIGINT)  # the handler runs inside the finalizer
                    for _ in range(3):
                        pass

            gen = interrupted()
            next(gen)
            del gen
            assert interrupts.asked() and seen == []  # noted, and the trainer sees "Stopped." only
    finally:
        sys.unraisablehook = previous
