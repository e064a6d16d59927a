using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Forklift.Package.Tests;

/// <summary>
/// The Forklift.Analyzers package carries the analyzers compiled ahead of time per platform (readytorun/&lt;rid&gt;/), and
/// its build targets hand `dotnet build`'s compiler the image for the platform it runs on, with the same reports.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class ReadyToRunAnalyzersTests(PackageFeedFixture feed)
{
    /// <summary>
    /// The PE machine of a ReadyToRun image: the architecture's, XOR-ed with a constant per operating system
    /// (none for Windows), so that no other platform's loader takes its native code for its own.
    /// </summary>
    public static TheoryData<string, ushort> Platforms => new()
    {
        { "linux-x64", 0x8664 ^ 0x7B79 },
        { "linux-arm64", 0xAA64 ^ 0x7B79 },
        { "win-x64", 0x8664 },
        { "osx-arm64", 0xAA64 ^ 0x4644 },
    };

    /// <summary>The lock consumer's FL2001, and an FL1001.</summary>
    private const string PlantedBugs = LockRulesConsumerTests.PlantedBug + """


        public sealed class Tally
        {
            private int _count;

            public void CountInParallel(int[] items) => System.Threading.Tasks.Parallel.ForEach(items, item => _count += item);
        }
        """;

    [Theory]
    [MemberData(nameof(Platforms))]
    public void The_package_carries_each_platforms_image_of_the_same_assembly_beside_the_portable_one(string runtime, ushort machine)
    {
        using ZipArchive package = ZipFile.OpenRead(Path.Combine(feed.FeedDirectory, $"Forklift.Analyzers.{feed.Version}.nupkg"));
        (Guid portableModule, bool portableHasNativeCode, _) = Read(package, "analyzers/dotnet/cs/Forklift.Analyzers.dll");
        (Guid module, bool hasNativeCode, ushort imageMachine) = Read(package, $"readytorun/{runtime}/Forklift.Analyzers.dll");

        Assert.False(portableHasNativeCode);
        Assert.True(hasNativeCode, $"readytorun/{runtime}/Forklift.Analyzers.dll has no ReadyToRun code");
        Assert.Equal(machine, imageMachine);
        Assert.Equal(portableModule, module); // the same compile of the same IL, not a rebuild
        Assert.NotNull(package.GetEntry($"readytorun/{runtime}/Forklift.Analyzers.CodeFixes.dll"));
    }

    [Fact]
    public async Task Dotnet_build_hands_the_compiler_this_platforms_image_and_reports_the_same_as_the_portable_one()
    {
        string directory = feed.NewConsumerDirectory("readytorun-consumer");
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Forklift" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Account.cs"), PlantedBugs);
        ProcessRunner.Result restore = await ProcessRunner.DotnetAsync("restore -nologo", directory);
        Assert.True(restore.ExitCode == 0, restore.ToString());

        string? platform = ThisPlatform();
        List<string> analyzers = await ForkliftAnalyzerPaths(directory, "");
        List<string> portable = await ForkliftAnalyzerPaths(directory, "-p:ForkliftReadyToRunAnalyzers=false");

        Assert.Equal(["analyzers/dotnet/cs/Forklift.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/Forklift.Analyzers.dll"], portable);
        Assert.Equal(
            platform is null ? portable : [$"readytorun/{platform}/Forklift.Analyzers.CodeFixes.dll", $"readytorun/{platform}/Forklift.Analyzers.dll"],
            analyzers);

        SortedSet<string> reports = await Reports(directory, "");
        SortedSet<string> portableReports = await Reports(directory, "-p:ForkliftReadyToRunAnalyzers=false");
        Assert.Contains(reports, r => r.Contains("FL2001", StringComparison.Ordinal));
        Assert.Contains(reports, r => r.Contains("FL1001", StringComparison.Ordinal));
        Assert.Equal(portableReports, reports);
    }

    /// <summary>The platform whose image the package has for this test's process (the compiler's, under `dotnet`), or null.</summary>
    private static string? ThisPlatform()
    {
        string? os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : null;
        string? architecture = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            _ => null,
        };
        string runtime = $"{os}-{architecture}";
        return Platforms.Any(row => (string)row[0] == runtime) ? runtime : null;
    }

    /// <summary>The Forklift analyzer assemblies the compiler gets, as paths inside the package, sorted.</summary>
    private async Task<List<string>> ForkliftAnalyzerPaths(string directory, string properties)
    {
        ProcessRunner.Result items = await ProcessRunner.DotnetAsync($"msbuild -nologo -t:ResolveLockFileAnalyzers -getItem:Analyzer {properties}", directory);
        Assert.True(items.ExitCode == 0, items.ToString());
        string packageRoot = $"{Path.DirectorySeparatorChar}forklift.analyzers{Path.DirectorySeparatorChar}{feed.Version}{Path.DirectorySeparatorChar}";
        using JsonDocument json = JsonDocument.Parse(items.Output[items.Output.IndexOf('{', StringComparison.Ordinal)..]);
        return json.RootElement.GetProperty("Items").GetProperty("Analyzer").EnumerateArray()
            .Select(item => Path.GetFullPath(item.GetProperty("Identity").GetString()!))
            .Where(path => path.Contains(packageRoot, StringComparison.OrdinalIgnoreCase))
            .Select(path => path[(path.IndexOf(packageRoot, StringComparison.OrdinalIgnoreCase) + packageRoot.Length)..].Replace('\\', '/'))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every FL warning of a full rebuild, as "file(line,col): warning FLnnnn: message".</summary>
    private static async Task<SortedSet<string>> Reports(string directory, string properties)
    {
        ProcessRunner.Result build = await ProcessRunner.DotnetAsync($"build -nologo --no-restore --no-incremental {properties}", directory);
        Assert.True(build.ExitCode == 0, build.ToString());
        return new SortedSet<string>(
            build.Output.Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.Contains(": warning FL", StringComparison.Ordinal))
                .Select(line => line[..line.LastIndexOf(" [", StringComparison.Ordinal)]),
            StringComparer.Ordinal);
    }

    private static (Guid Module, bool HasNativeCode, ushort Machine) Read(ZipArchive package, string path)
    {
        ZipArchiveEntry entry = package.GetEntry(path) ?? throw new InvalidOperationException($"The package has no {path}.");
        using var bytes = new MemoryStream();
        using (Stream stream = entry.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        using var reader = new PEReader(bytes);
        MetadataReader metadata = reader.GetMetadataReader();
        return (
            metadata.GetGuid(metadata.GetModuleDefinition().Mvid),
            reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0,
            (ushort)reader.PEHeaders.CoffHeader.Machine);
    }
}
