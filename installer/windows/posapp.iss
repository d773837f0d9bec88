; Inno Setup 6.3+ script: installs the one-folder bundle (dist\posapp, built on
; Windows by `pyinstaller installer\posapp.spec`) to Program Files\posapp, with a
; Start-menu entry and an optional desktop shortcut. The setup speaks pt_BR
; (English on an English Windows).
;
;   iscc installer\windows\posapp.iss          -> dist\posapp-0.1.0-setup.exe
;
; .github/workflows/windows.yml builds the bundle, runs `posapp --self-test` on it
; and compiles this script on a hosted Windows runner.
;
; Data: the counter's database, its backups and this computer's device settings
; live in the user's data folder (platformdirs: %LOCALAPPDATA%\posapp), never in
; {app}. Uninstalling removes the program only and says where the data stayed;
; installing again (or a newer version) finds the store as it was.
;
; First run: the last page offers to open posapp; with no store in the database
; yet, posapp opens its first-run wizard (Loja, Administrador, Impressora, Leitor).
;
; AppVersion follows posapp/__init__.py (tests/installer checks they agree).

#define AppName "posapp"
#define AppVersion "0.1.0"
#define AppExe "posapp.exe"

[Setup]
AppId={{6E0C8F4B-3A57-4B8E-9D0B-5F2C1A7E9B31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=posapp
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
SourceDir=..\..
OutputDir=dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=installer\windows\posapp.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage
; A running posapp is closed (and reopened) through the Restart Manager on upgrade.
CloseApplications=yes
RestartApplications=yes

[Languages]
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
brazilianportuguese.DataKept=Os dados do posapp (banco de dados, cópias de segurança e configuração da impressora) foram mantidos em:%n%1%n%nPara apagá-los, exclua essa pasta.
english.DataKept=posapp's data (database, backups and printer settings) was kept in:%n%1%n%nDelete that folder to remove it.
brazilianportuguese.OpenPosapp=Abrir o posapp (primeira configuração)
english.OpenPosapp=Open posapp (first-time setup)

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole bundle: posapp.exe and _internal\ (Qt and its Windows plugins, libusb-1.0.dll,
; pywin32, resources, migrations...).
Source: "dist\posapp\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; Run as the user who installed (not elevated), so the data folder is that user's.
Filename: "{app}\{#AppExe}"; Description: "{cm:OpenPosapp}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallDelete]
; Only what posapp itself may leave inside {app}; the data folder is never named here.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\{#AppName}')]),
      mbInformation, MB_OK);
end;
