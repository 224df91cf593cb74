#Requires -Version 5.1
<#
.SYNOPSIS
Installs Owox.Data and its dependency closure into the GAC and registers the provider in the 32- and 64-bit
machine.config (see docs/dotnet-framework.md).

.DESCRIPTION
From a folder holding the 13 assemblies of the closure: checks that each is there and strong-named, installs each
into the GAC (GAC_MSIL, shared by 32- and 64-bit processes), and writes into
%WINDIR%\Microsoft.NET\Framework\v4.0.30319\Config\machine.config and its Framework64 twin the DbProviderFactories
registration (with Version and PublicKeyToken) and one binding redirect per assembly, with the versions read from
the DLLs. Each machine.config is first copied to machine.config.owox-backup. Needs an elevated Windows PowerShell.

.PARAMETER Path
The folder with Owox.Data.dll and the DLLs of its closure.

.PARAMETER Uninstall
Removes the registration and the redirects for these assemblies from both machine.config files and the assemblies
from the GAC.

.EXAMPLE
powershell -ExecutionPolicy Bypass -File .\install-owox-data-gac.ps1 -Path C:\owox\lib
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string] $Path,
    [switch] $Uninstall
)

$ErrorActionPreference = 'Stop'

# The closure of docs/dotnet-framework.md (DependencyClosureTests checks that this list matches it).
$closure = @(
    'Owox.Data.dll'
    'Microsoft.Bcl.AsyncInterfaces.dll'
    'Microsoft.Extensions.DependencyInjection.Abstractions.dll'
    'Microsoft.Extensions.Logging.Abstractions.dll'
    'System.Buffers.dll'
    'System.Diagnostics.DiagnosticSource.dll'
    'System.IO.Pipelines.dll'
    'System.Memory.dll'
    'System.Numerics.Vectors.dll'
    'System.Runtime.CompilerServices.Unsafe.dll'
    'System.Text.Encodings.Web.dll'
    'System.Text.Json.dll'
    'System.Threading.Tasks.Extensions.dll'
)

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Run this script from an elevated (Run as administrator) Windows PowerShell: it writes the GAC and machine.config.'
}

$assemblies = foreach ($file in $closure) {
    $full = Join-Path (Resolve-Path $Path) $file
    if (-not (Test-Path $full)) { throw "$file is missing from $Path; the closure needs all of: $($closure -join ', ')" }
    $name = [Reflection.AssemblyName]::GetAssemblyName($full)
    $token = $name.GetPublicKeyToken()
    if ($null -eq $token -or $token.Length -eq 0) { throw "$file is not strong-named; the GAC takes only strong-named assemblies" }
    [pscustomobject]@{
        File    = $full
        Name    = $name.Name
        Version = $name.Version.ToString()
        Token   = -join ($token | ForEach-Object { $_.ToString('x2') })
    }
}
$provider = $assemblies | Where-Object Name -eq 'Owox.Data'
$factoryType = "Owox.Data.OwoxFactory, Owox.Data, Version=$($provider.Version), Culture=neutral, PublicKeyToken=$($provider.Token)"

Add-Type -AssemblyName System.EnterpriseServices
$publish = New-Object System.EnterpriseServices.Internal.Publish

$bindingNamespace = 'urn:schemas-microsoft-com:asm.v1'

function Get-Child([Xml.XmlNode] $parent, [string] $name) {
    $node = $parent.SelectSingleNode($name)
    if ($null -eq $node) { $node = $parent.AppendChild($parent.OwnerDocument.CreateElement($name)) }
    $node
}

function Update-MachineConfig([string] $configPath) {
    if (-not (Test-Path $configPath)) {
        Write-Host "skipped (not on this machine): $configPath"
        return
    }
    Copy-Item $configPath "$configPath.owox-backup" -Force
    $xml = New-Object Xml.XmlDocument
    $xml.PreserveWhitespace = $true
    $xml.Load($configPath)

    $factories = Get-Child (Get-Child $xml.DocumentElement 'system.data') 'DbProviderFactories'
    foreach ($old in @($factories.ChildNodes | Where-Object { $_.NodeType -eq 'Element' -and $_.GetAttribute('invariant') -eq 'Owox.Data' })) {
        [void] $factories.RemoveChild($old)
    }

    $runtime = Get-Child $xml.DocumentElement 'runtime'
    $namespaces = New-Object Xml.XmlNamespaceManager($xml.NameTable)
    $namespaces.AddNamespace('b', $bindingNamespace)
    $binding = $runtime.SelectSingleNode('b:assemblyBinding', $namespaces)
    if ($null -eq $binding) { $binding = $runtime.AppendChild($xml.CreateElement('assemblyBinding', $bindingNamespace)) }
    foreach ($assembly in $assemblies) {
        $query = "b:dependentAssembly[b:assemblyIdentity[@name='$($assembly.Name)' and @publicKeyToken='$($assembly.Token)']]"
        foreach ($old in @($binding.SelectNodes($query, $namespaces))) { [void] $binding.RemoveChild($old) }
    }

    if (-not $Uninstall) {
        $add = $xml.CreateElement('add')
        $add.SetAttribute('name', 'Owox.Data')
        $add.SetAttribute('invariant', 'Owox.Data')
        $add.SetAttribute('description', 'ADO.NET provider for OWOX Data Marts')
        $add.SetAttribute('type', $factoryType)
        [void] $factories.AppendChild($add)
        foreach ($assembly in $assemblies | Where-Object Name -ne 'Owox.Data') {
            $dependent = $xml.CreateElement('dependentAssembly', $bindingNamespace)
            $identity = $xml.CreateElement('assemblyIdentity', $bindingNamespace)
            $identity.SetAttribute('name', $assembly.Name)
            $identity.SetAttribute('publicKeyToken', $assembly.Token)
            $identity.SetAttribute('culture', 'neutral')
            $redirect = $xml.CreateElement('bindingRedirect', $bindingNamespace)
            $redirect.SetAttribute('oldVersion', "0.0.0.0-$($assembly.Version)")
            $redirect.SetAttribute('newVersion', $assembly.Version)
            [void] $dependent.AppendChild($identity)
            [void] $dependent.AppendChild($redirect)
            [void] $binding.AppendChild($dependent)
        }
    }

    $xml.Save($configPath)
    Write-Host "updated: $configPath (backup: $configPath.owox-backup)"
}

foreach ($assembly in $assemblies) {
    if ($Uninstall) {
        $publish.GacRemove($assembly.File)
        Write-Host "GAC: removed $($assembly.Name) $($assembly.Version)"
    } else {
        # GacInstall reports failures only to the event log: load the assembly by its full name to see that it is there.
        $publish.GacInstall($assembly.File)
        $fullName = "$($assembly.Name), Version=$($assembly.Version), Culture=neutral, PublicKeyToken=$($assembly.Token)"
        if (-not [Reflection.Assembly]::ReflectionOnlyLoad($fullName).GlobalAssemblyCache) {
            throw "GAC: $fullName was not installed (see the Application event log)"
        }
        Write-Host "GAC: installed $fullName"
    }
}

foreach ($framework in 'Framework', 'Framework64') {
    Update-MachineConfig (Join-Path $env:WINDIR "Microsoft.NET\$framework\v4.0.30319\Config\machine.config")
}

if (-not $Uninstall) {
    Write-Host "Registered: $factoryType"
}
