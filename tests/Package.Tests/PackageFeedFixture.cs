using System.Reflection;

namespace Forklift.Package.Tests;

/// <summary>
/// Packs <c>Forklift</c>, <c>Forklift.Analyzers</c> and <c>Forklift.Hosting</c> once per test run into a private folder feed, from the build
/// output the test run was built against (<c>--no-build</c>, so nothing is recompiled under other running tests).
/// </summary>
/// <remarks>
/// Each run packs a unique prerelease version, so a consumer restore can never pick a stale copy of an earlier run
/// out of the machine's NuGet cache.
/// </remarks>
public sealed class PackageFeedFixture : IAsyncLifetime
{
    public string RepoRoot { get; } = Metadata("RepoRoot").TrimEnd('/', '\\');

    public string Configuration { get; } = Metadata("Configuration");

    public string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "forklift-package-tests", Guid.NewGuid().ToString("N")[..12]);

    public string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(FeedDirectory);
        foreach (string project in new[] { "src/Analyzers.Package/Forklift.Analyzers.Package.csproj", "src/Runtime/Forklift.csproj", "src/Hosting/Forklift.Hosting.csproj", "src/Orleans/Forklift.Orleans.csproj" })
        {
            ProcessRunner.Result pack = await ProcessRunner.DotnetAsync(
                $"pack \"{Path.Combine(RepoRoot, project)}\" --no-build -c {Configuration} -p:Version={Version} -o \"{FeedDirectory}\"",
                RepoRoot);
            Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed: {pack}");
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the run over it would not be.
        }

        return Task.CompletedTask;
    }

    /// <summary>Creates an empty consumer folder, outside the repository, whose NuGet config adds the private feed.</summary>
    public string NewConsumerDirectory(string name)
    {
        string directory = Path.Combine(WorkDirectory, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="forklift-local" value="{FeedDirectory}" />
              </packageSources>
            </configuration>
            """);

        // Empty props/targets stop MSBuild from walking up into any Directory.Build.* above the temp folder.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />");
        return directory;
    }

    /// <summary>
    /// A new console app (net10.0, nullable, implicit usings) in <see cref="NewConsumerDirectory"/>: a Consumer.csproj
    /// with <paramref name="properties"/> added to its property group, <paramref name="references"/> as its item group
    /// and <paramref name="more"/> before its end, and <paramref name="program"/> as Program.cs.
    /// </summary>
    public string NewConsumerApp(string name, string references, string program, string properties = "", string more = "")
    {
        string directory = NewConsumerDirectory(name);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {references}
              </ItemGroup>
              {more}
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        return directory;
    }

    private static string Metadata(string key)
        => typeof(PackageFeedFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
           ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing.");
}

[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeedFixture>
{
    public const string Name = "Package feed";
}
