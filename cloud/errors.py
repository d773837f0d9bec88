"""Refusals as the protocol writes them: `{"error", "message" (pt_BR), "message_en", ...}`."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A refusal with its HTTP status, code, pt_BR and English messages and extra fields."""

    def __init__(self, status: int, code: str, message: str, message_en: str, **extra: Any) -> None:
        super().__init__(message_en)
        self.status = status
        self.code = code
        self.message = message
        self.message_en = message_en
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {
            "error": self.code,
            "message": self.message,
            "message_en": self.message_en,
            **self.extra,
        }


def unauthorized() -> ApiError:
    return ApiError(
        401,
        "unauthorized",
        "Credencial ausente ou inválida.",
        "Missing or invalid credentials.",
    )


def invalid_request(detail: str) -> ApiError:
    return ApiError(
        422,
        "invalid_request",
        f"Requisição inválida: {detail}",
        f"Invalid request: {detail}",
    )
