; Inno Setup script: wraps the PyInstaller folder in a per-user installer (no admin rights needed
; on shared office PCs). Build with: iscc packaging\windows\installer.iss
#define AppVersion "0.1.0"

[Setup]
AppId={{6F1C2D7E-4B1A-4C55-9E51-5348494C5501}
AppName=工作实录
AppVersion={#AppVersion}
AppPublisher=Shilu
DefaultDirName={localappdata}\Programs\Shilu
DefaultGroupName=工作实录
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=Shilu-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Python 3.11 and Qt 6 run on Windows 10 and 11 only: refuse Windows 7/8.1 before installing.
MinVersion=10.0

[Languages]
; Inno Setup ships this translation among its unofficial ones; build.ps1 and the CI fetch it.
Name: "chs"; MessagesFile: "ChineseSimplified.isl"

[Messages]
WindowsVersionNotSupported=工作实录需要 Windows 10 或 Windows 11。这台电脑的 Windows 版本太旧，无法运行本软件（Python 3.11 和 Qt 6 不再支持 Windows 7/8.1）。请在 Windows 10/11 电脑上安装，或请单位信息管理员协助升级系统。

[Files]
Source: "..\..\dist\Shilu\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\工作实录"; Filename: "{app}\Shilu.exe"
Name: "{userdesktop}\工作实录"; Filename: "{app}\Shilu.exe"
Name: "{group}\工作实录（演示账本）"; Filename: "{app}\Shilu.exe"; Parameters: "--demo"
; The upstream office (街道党工委、机关工委) keeps no branch ledger: straight into its workstation.
Name: "{group}\工作实录（上级工作台）"; Filename: "{app}\Shilu.exe"; Parameters: "upstream"

[Run]
Filename: "{app}\Shilu.exe"; Description: "启动工作实录"; Flags: nowait postinstall skipifsilent
