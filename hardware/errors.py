"""Device errors, one class per cause, each with a pt_BR and an English message.

Every printer error names the printer (its URI) and the cause, so the counter
operator can act on it: "Impressora tcp://127.0.0.1:9100: sem papel". The class
says what happened; `detail` keeps the low-level reason (the OS error text) for
logs and is appended to the message when present.

The shape mirrors `posapp.core.errors` (class-level templates, `message(locale)`)
without importing it: hardware knows nothing of posapp.
"""

from __future__ import annotations

from typing import Any, ClassVar

DEFAULT_LOCALE = "pt_BR"


class HardwareError(Exception):
    """A device refused or failed. The job that raised it can be sent again unchanged."""

    code: ClassVar[str] = "hardware_error"
    pt_BR: ClassVar[str] = "Falha no dispositivo."
    en: ClassVar[str] = "Device failure."

    def __init__(self, detail: str = "", **params: Any) -> None:
        self.detail = detail
        self.params = params
        super().__init__(self.message("en"))

    def message(self, locale: str = DEFAULT_LOCALE) -> str:
        template = self.pt_BR if locale.lower().startswith("pt") else self.en
        text = template.format(**self.params)
        return f"{text} ({self.detail})" if self.detail else text


class PrinterError(HardwareError):
    """A printer error: the message starts with the printer's URI."""

    code = "printer_error"
    pt_BR = "Impressora {printer}: falha."
    en = "Printer {printer}: failure."

    def __init__(self, printer: str, detail: str = "", **params: Any) -> None:
        self.printer = printer
        super().__init__(detail, printer=printer, **params)


class BadPrinterURI(PrinterError):
    code = "bad_printer_uri"
    pt_BR = "Impressora {printer}: endereço inválido ({reason})."
    en = "Printer {printer}: invalid address ({reason})."


class UnknownProfile(PrinterError):
    code = "unknown_profile"
    pt_BR = "Impressora {printer}: modelo desconhecido '{profile}'."
    en = "Printer {printer}: unknown model '{profile}'."


class PrinterUnreachable(PrinterError):
    code = "printer_unreachable"
    pt_BR = "Impressora {printer}: não responde (desligada ou fora da rede)."
    en = "Printer {printer}: not answering (switched off or off the network)."


class NotAPrinterFile(PrinterError):
    code = "not_a_printer_file"
    pt_BR = (
        "Impressora {printer}: {path} é um arquivo comum com outro conteúdo, não uma "
        "impressora; nada foi gravado nele (use o dispositivo, ex.: file:///dev/usb/lp0, "
        "ou um arquivo novo)."
    )
    en = (
        "Printer {printer}: {path} is a regular file with other content, not a printer; "
        "nothing was written to it (use the device, e.g. file:///dev/usb/lp0, or a new file)."
    )


class PrinterTimeout(PrinterError):
    code = "printer_timeout"
    pt_BR = "Impressora {printer}: tempo esgotado ({seconds:g} s) esperando a impressora."
    en = "Printer {printer}: timed out ({seconds:g} s) waiting for the printer."


class ConnectionLost(PrinterError):
    code = "printer_connection_lost"
    pt_BR = "Impressora {printer}: conexão perdida no meio da impressão; imprima de novo."
    en = "Printer {printer}: connection lost in the middle of the job; print it again."


class DeviceNotFound(PrinterError):
    code = "printer_device_not_found"
    pt_BR = "Impressora {printer}: dispositivo não encontrado (cabo desconectado?)."
    en = "Printer {printer}: device not found (cable unplugged?)."


class UsbBackendMissing(PrinterError):
    code = "usb_backend_missing"
    pt_BR = "Impressora {printer}: biblioteca libusb não instalada neste computador."
    en = "Printer {printer}: the libusb library is not installed on this computer."


class PermissionDenied(PrinterError):
    code = "printer_permission_denied"
    pt_BR = "Impressora {printer}: sem permissão para usar o dispositivo."
    en = "Printer {printer}: no permission to use the device."


class CupsUnavailable(PrinterError):
    code = "cups_unavailable"
    pt_BR = "Impressora {printer}: CUPS indisponível neste computador."
    en = "Printer {printer}: CUPS is not available on this computer."


class CupsServerUnreachable(PrinterUnreachable):
    code = "cups_server_unreachable"
    pt_BR = "Impressora {printer}: o servidor CUPS {server} não responde."
    en = "Printer {printer}: the CUPS server {server} is not answering."


class CupsServerTimeout(PrinterTimeout):
    code = "cups_server_timeout"
    pt_BR = "Impressora {printer}: o servidor CUPS {server} não respondeu em {seconds:g} s."
    en = "Printer {printer}: the CUPS server {server} did not answer within {seconds:g} s."


class CupsQueueNotFound(DeviceNotFound):
    code = "cups_queue_not_found"
    pt_BR = "Impressora {printer}: a fila '{queue}' não existe no servidor CUPS {server}."
    en = "Printer {printer}: there is no queue '{queue}' on the CUPS server {server}."


class CupsJobRefused(PrinterError):
    code = "cups_job_refused"
    pt_BR = "Impressora {printer}: o servidor CUPS {server} recusou o trabalho."
    en = "Printer {printer}: the CUPS server {server} refused the job."


class SpoolerUnavailable(PrinterError):
    code = "win32_spooler_unavailable"
    pt_BR = "Impressora {printer}: impressoras do Windows (win32://) só funcionam no Windows."
    en = "Printer {printer}: Windows printers (win32://) only work on Windows."


class SpoolerStopped(PrinterUnreachable):
    code = "win32_spooler_stopped"
    pt_BR = (
        "Impressora {printer}: o serviço Spooler de Impressão do Windows não está rodando "
        "(reinicie o computador ou o serviço)."
    )
    en = (
        "Printer {printer}: the Windows Print Spooler service is not running "
        "(restart the computer or the service)."
    )


class WindowsPrinterNotFound(DeviceNotFound):
    code = "win32_printer_not_found"
    pt_BR = (
        "Impressora {printer}: não há impressora '{name}' instalada no Windows "
        "(confira o nome em Configurações > Impressoras)."
    )
    en = (
        "Printer {printer}: there is no printer '{name}' installed in Windows "
        "(check the name in Settings > Printers)."
    )


class PrinterPaused(PrinterError):
    code = "printer_paused"
    pt_BR = (
        "Impressora {printer}: a fila está pausada no Windows "
        "(abra a fila da impressora e escolha 'Retomar impressão')."
    )
    en = (
        "Printer {printer}: its queue is paused in Windows "
        "(open the printer's queue and choose 'Resume printing')."
    )


class SpoolerJobStuck(PrinterError):
    code = "win32_job_stuck"
    pt_BR = (
        "Impressora {printer}: o documento '{document}' está parado com erro na fila do "
        "Windows; cancele-o na fila da impressora e imprima de novo."
    )
    en = (
        "Printer {printer}: the document '{document}' is stuck with an error in the Windows "
        "queue; cancel it in the printer's queue and print again."
    )


class PaperOut(PrinterError):
    code = "paper_out"
    pt_BR = "Impressora {printer}: sem papel."
    en = "Printer {printer}: out of paper."


class CoverOpen(PrinterError):
    code = "cover_open"
    pt_BR = "Impressora {printer}: tampa aberta."
    en = "Printer {printer}: cover open."


class PrinterOffline(PrinterError):
    code = "printer_offline"
    pt_BR = "Impressora {printer}: fora de linha (erro na impressora)."
    en = "Printer {printer}: offline (printer error)."


class ReceiptNotPrintable(PrinterError):
    code = "receipt_not_printable"
    pt_BR = "Impressora {printer}: o cupom não pode ser impresso ({reason})."
    en = "Printer {printer}: the receipt cannot be printed ({reason})."


class InvalidReceipt(HardwareError, ValueError):
    """The receipt document itself is wrong (bad EAN-13, empty QR...)."""

    code = "invalid_receipt"
    pt_BR = "Cupom inválido: {reason}."
    en = "Invalid receipt: {reason}."


class DeviceThreadStopped(HardwareError):
    code = "device_thread_stopped"
    pt_BR = "O serviço de dispositivos foi encerrado."
    en = "The device service has stopped."


class ScannerError(HardwareError):
    code = "scanner_error"
    pt_BR = "Leitor {scanner}: falha."
    en = "Scanner {scanner}: failure."

    def __init__(self, scanner: str, detail: str = "", **params: Any) -> None:
        self.scanner = scanner
        super().__init__(detail, scanner=scanner, **params)


class ScannerNotFound(ScannerError):
    code = "scanner_not_found"
    pt_BR = "Leitor {scanner}: dispositivo não encontrado (cabo desconectado?)."
    en = "Scanner {scanner}: device not found (cable unplugged?)."


class ScannerDisconnected(ScannerError):
    code = "scanner_disconnected"
    pt_BR = "Leitor {scanner}: desconectado."
    en = "Scanner {scanner}: disconnected."
