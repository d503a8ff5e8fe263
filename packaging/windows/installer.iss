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

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Files]
Source: "..\..\dist\Shilu\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\工作实录"; Filename: "{app}\Shilu.exe"
Name: "{userdesktop}\工作实录"; Filename: "{app}\Shilu.exe"
Name: "{group}\工作实录（演示账本）"; Filename: "{app}\Shilu.exe"; Parameters: "--demo"

[Run]
Filename: "{app}\Shilu.exe"; Description: "启动工作实录"; Flags: nowait postinstall skipifsilent
