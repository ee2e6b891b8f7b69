"""Local Telegram Bot API emulator with simulated users, for tests and the sandbox."""

from sandbox.emulator import Emulator
from sandbox.groups import SimulatedGroup
from sandbox.users import SimulatedUser
from sandbox.views import Button, CallbackAnswer, MessageView

__all__ = ["Button", "CallbackAnswer", "Emulator", "MessageView", "SimulatedGroup", "SimulatedUser"]
