"""Local Telegram Bot API emulator with simulated users, for tests and the sandbox."""

from sandbox.emulator import Emulator
from sandbox.groups import SimulatedGroup
from sandbox.users import Button, CallbackAnswer, MessageView, SimulatedUser

__all__ = ["Button", "CallbackAnswer", "Emulator", "MessageView", "SimulatedGroup", "SimulatedUser"]
