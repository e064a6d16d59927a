namespace Forklift.Package.Tests;

/// <summary>
/// A project that references only the <c>Forklift.Analyzers</c> package (a library that wants the rules, not the
/// runtime) gets the body rules skipped in a compile that emits only a reference assembly, as the <c>Forklift</c>
/// package's consumers do: the package passes <c>ProduceOnlyReferenceAssembly</c> to the analyzers itself.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class ReferenceOnlyConsumerTests(PackageFeedFixture feed)
{
    [Fact]
    public async Task A_reference_only_build_of_an_analyzers_only_consumer_skips_the_body_rules()
    {
        string directory = feed.NewConsumerDirectory("refonly-consumer");
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Forklift.Analyzers" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Account.cs"), LockRulesConsumerTests.PlantedBug);
        ProcessRunner.Result restore = await ProcessRunner.DotnetAsync("restore -nologo", directory);
        Assert.True(restore.ExitCode == 0, restore.ToString());

        ProcessRunner.Result build = await ProcessRunner.DotnetAsync("build -nologo --no-restore --no-incremental", directory);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("warning FL2001", build.Output);

        ProcessRunner.Result referenceOnly = await ProcessRunner.DotnetAsync("build -nologo --no-restore --no-incremental -p:ProduceOnlyReferenceAssembly=true", directory);
        Assert.True(referenceOnly.ExitCode == 0, referenceOnly.ToString());
        Assert.DoesNotContain("warning FL", referenceOnly.Output);
        string editorConfig = Directory.GetFiles(Path.Combine(directory, "obj"), "*.GeneratedMSBuildEditorConfig.editorconfig", SearchOption.AllDirectories).Single();
        Assert.Contains("build_property.ProduceOnlyReferenceAssembly = true", File.ReadAllText(editorConfig));
    }
}
