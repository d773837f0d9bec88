; Inno Setup 6.3+ script: installs the one-folder bundle (dist\posapp, built on
; Windows by `pyinstaller installer\posapp.spec`) to Program Files\posapp, with a
; Start-menu shortcut and a desktop shortcut; pt_BR and English setup languages.
;
;   iscc installer\windows\posapp.iss          -> dist\posapp-0.1.0-setup.exe
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
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole bundle: posapp.exe and _internal\ (Qt, resources, migrations...).
Source: "dist\posapp\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The counter's database is in the user's AppData (platformdirs), never in {app}:
; uninstalling or upgrading leaves it alone.
