using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Owox.Data.NetFramework.Tests;

/// <summary>
/// docs/dotnet-framework.md against what the build put beside the tests: its closure table, its App.config and the
/// GAC script's file list must name exactly the assemblies the provider needs, at the versions that are there.
/// </summary>
public sealed class DependencyClosureTests
{
    private static readonly string Folder = Path.GetDirectoryName(typeof(DependencyClosureTests).Assembly.Location)!;
    private static readonly string Repository = FindRepository();
    private static readonly string Page = File.ReadAllText(Path.Combine(Repository, "docs", "dotnet-framework.md"));

    [Fact]
    public void The_closure_table_lists_every_assembly_the_provider_loads_with_its_version_and_token()
    {
        var documented = ClosureTable().Select(r => $"{r[0]}, Version={r[1]}, Culture=neutral, PublicKeyToken={r[2]}").OrderBy(n => n, StringComparer.Ordinal);
        var actual = Closure().Select(a => a.FullName).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(actual, documented);
    }

    [Fact]
    public void The_closure_table_names_the_package_file_each_assembly_comes_from()
    {
        var assets = File.ReadAllText(Path.Combine(Repository, "tests", "Owox.Data.NetFramework.Tests", "obj", "project.assets.json"));
        foreach (var row in ClosureTable().Where(r => r[0] != "Owox.Data"))
        {
            var library = Regex.Match(assets, "\"" + Regex.Escape($"{row[3]}/{row[4]}") + "\": \\{\\s*\"type\": \"package\"");
            Assert.True(library.Success, $"project.assets.json has no package {row[3]} {row[4]}");
            Assert.Contains($"\"{row[5]}\"", assets, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_pages_App_config_is_the_one_the_tests_run_with()
    {
        var block = Regex.Match(Page, "```xml\\n(<\\?xml.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "the page has no complete App.config block");
        var documented = XDocument.Parse(block.Groups[1].Value);
        var used = XDocument.Load(typeof(DependencyClosureTests).Assembly.Location + ".config");
        used.DescendantNodes().OfType<XComment>().ToList().ForEach(c => c.Remove());
        Assert.True(XNode.DeepEquals(Normalise(documented), Normalise(used)), "docs/dotnet-framework.md's App.config differs from tests/Owox.Data.NetFramework.Tests/App.config");
    }

    [Fact]
    public void The_binding_redirects_move_every_closure_assembly_to_the_version_beside_it()
    {
        XNamespace binding = "urn:schemas-microsoft-com:asm.v1";
        var redirects = XDocument.Load(typeof(DependencyClosureTests).Assembly.Location + ".config").Descendants(binding + "dependentAssembly")
            .Select(d => (Identity: d.Element(binding + "assemblyIdentity")!, Redirect: d.Element(binding + "bindingRedirect")!))
            .ToDictionary(d => (string)d.Identity.Attribute("name")!, d => d);
        var dependencies = Closure().Where(a => a.Name != "Owox.Data").ToList();
        Assert.Equal(dependencies.Select(a => a.Name).OrderBy(n => n, StringComparer.Ordinal), redirects.Keys.OrderBy(n => n, StringComparer.Ordinal));
        foreach (var assembly in dependencies)
        {
            var (identity, redirect) = redirects[assembly.Name!];
            Assert.Equal(Token(assembly), (string)identity.Attribute("publicKeyToken")!);
            Assert.Equal(assembly.Version!.ToString(), (string)redirect.Attribute("newVersion")!);
            Assert.Equal("0.0.0.0-" + assembly.Version, (string)redirect.Attribute("oldVersion")!);
        }
    }

    [Fact]
    public void The_net472_build_needs_no_binding_redirect()
    {
        // .NET Framework binds a strong-named reference only to its exact version: without redirects, every reference
        // inside the closure must name the version that is beside it (Mono's binder would not notice a mismatch).
        var provider = Assembly.LoadFrom(Path.Combine(Folder, "Owox.Data.dll"));
        Assert.Equal(".NETFramework,Version=v4.7.2", provider.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName);
        var closure = Closure().ToDictionary(a => a.Name!, StringComparer.OrdinalIgnoreCase);
        var mismatches = closure.Values
            .SelectMany(a => Assembly.LoadFrom(Path.Combine(Folder, a.Name + ".dll")).GetReferencedAssemblies()
                .Where(r => closure.ContainsKey(r.Name!) && r.Version != closure[r.Name!].Version)
                .Select(r => $"{a.Name} references {r.Name} {r.Version}, beside it is {closure[r.Name!].Version}"))
            .ToList();
        Assert.Empty(mismatches);
    }

    [Fact]
    public void The_machine_config_registration_names_the_providers_version_and_token()
    {
        var provider = Closure().Single(a => a.Name == "Owox.Data");
        var type = $"Owox.Data.OwoxFactory, {provider.FullName}";
        Assert.Equal(2, Regex.Matches(Page, "type=\"" + Regex.Escape(type) + "\"").Count);
        Assert.Equal(type, Provider.Factory.GetType().AssemblyQualifiedName);
    }

    [Fact]
    public void The_GAC_script_installs_the_whole_closure()
    {
        var script = File.ReadAllText(Path.Combine(Repository, "docs", "install-owox-data-gac.ps1"));
        var list = Regex.Match(script, @"\$closure = @\((.*?)\)", RegexOptions.Singleline);
        Assert.True(list.Success, "the script has no $closure list");
        var files = Regex.Matches(list.Groups[1].Value, "'([^']+)'").Cast<Match>().Select(m => m.Groups[1].Value).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(Closure().Select(a => a.Name + ".dll").OrderBy(n => n, StringComparer.Ordinal), files);
    }

    /// <summary>Owox.Data and every assembly it references, directly or not, that is not the framework's (those beside the tests).</summary>
    private static List<AssemblyName> Closure()
    {
        var found = new Dictionary<string, AssemblyName>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>();
        pending.Push("Owox.Data");
        while (pending.Count > 0)
        {
            var path = Path.Combine(Folder, pending.Pop() + ".dll");
            if (!File.Exists(path))
                continue;
            var name = AssemblyName.GetAssemblyName(path);
            if (found.ContainsKey(name.Name!))
                continue;
            found.Add(name.Name!, name);
            foreach (var reference in Assembly.LoadFrom(path).GetReferencedAssemblies())
                pending.Push(reference.Name!);
        }

        return found.Values.ToList();
    }

    /// <summary>The rows of the page's closure table: assembly, version, token, package, package version, file.</summary>
    private static List<string[]> ClosureTable()
    {
        var section = Page.Substring(Page.IndexOf("## The dependency closure", StringComparison.Ordinal));
        return section.Split('\n')
            .SkipWhile(l => !l.StartsWith("| Assembly |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith("|", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
    }

    private static string Token(AssemblyName name) =>
        string.Concat(name.GetPublicKeyToken()!.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    private static XElement Normalise(XDocument document) =>
        XElement.Parse(document.Root!.ToString(SaveOptions.DisableFormatting), LoadOptions.None);

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(Folder); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Owox.Data.sln")))
                return directory.FullName;
        }

        throw new DirectoryNotFoundException($"No Owox.Data.sln above {Folder}.");
    }
}
