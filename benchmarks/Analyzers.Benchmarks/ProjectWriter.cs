namespace Forklift.Analyzers.Benchmarks;

/// <summary>
/// Writes the generated set as a standalone project that loads the Forklift analyzers, for measuring a real
/// <c>dotnet build -p:ReportAnalyzer=true</c>.
/// </summary>
internal static class ProjectWriter
{
    public static void Write(string directory, List<(string Name, string Text)> sources, string analyzerAssembly)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, text) in sources)
        {
            File.WriteAllText(Path.Combine(directory, name), text);
        }

        // Isolated from the repository's build settings: an ordinary library project, as a user would have. FL
        // warnings are not put in NoWarn: a fully suppressed analyzer is skipped, and would not be measured.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Generated.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <NoWarn>$(NoWarn);CS1998</NoWarn>
                <UseForkliftAnalyzers Condition="'$(UseForkliftAnalyzers)' == ''">true</UseForkliftAnalyzers>
                <!-- -p:ForkliftAnalyzerPath=<dll> builds with another build of the analyzers (before/after). -->
                <ForkliftAnalyzerPath Condition="'$(ForkliftAnalyzerPath)' == ''">{analyzerAssembly}</ForkliftAnalyzerPath>
              </PropertyGroup>
              <ItemGroup Condition="'$(UseForkliftAnalyzers)' == 'true'">
                <Analyzer Include="$(ForkliftAnalyzerPath)" />
              </ItemGroup>
            </Project>
            """);
    }
}
