namespace Forklift.Package.Tests;

/// <summary>A fresh project that references only the packed <c>Forklift</c> package sees the lock rules and their fixes.</summary>
[Collection(PackageFeedCollection.Name)]
public sealed class LockRulesConsumerTests(PackageFeedFixture feed)
{
    /// <summary>An FL2001 (a <c>Monitor.Enter</c> released outside <c>finally</c>), also planted by <see cref="ReadyToRunAnalyzersTests"/>.</summary>
    internal const string PlantedBug = """
        using System.Threading;

        public sealed class Account
        {
            private readonly object _gate = new();
            private int _balance;

            public void Deposit(int amount)
            {
                Monitor.Enter(_gate);
                _balance += amount;
                Monitor.Exit(_gate);
            }

            public int Balance
            {
                get { lock (_gate) { return _balance; } }
            }
        }
        """;

    [Fact]
    public async Task Build_shows_FL2001_with_help_link_and_dotnet_format_fixes_it()
    {
        string directory = feed.NewConsumerDirectory("lock-consumer");
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
        File.WriteAllText(Path.Combine(directory, "Account.cs"), PlantedBug);

        ProcessRunner.Result build = await ProcessRunner.DotnetAsync("build -nologo", directory);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("Account.cs(10,", build.Output);
        Assert.Contains("warning FL2001", build.Output);
        Assert.Contains("docs/rules/FL2001.md", build.Output);

        ProcessRunner.Result format = await ProcessRunner.DotnetAsync("format analyzers Consumer.csproj --diagnostics FL2001 --severity warn --no-restore", directory);
        Assert.True(format.ExitCode == 0, format.ToString());
        string fixedSource = File.ReadAllText(Path.Combine(directory, "Account.cs"));
        Assert.NotEqual(PlantedBug, fixedSource);

        ProcessRunner.Result rebuild = await ProcessRunner.DotnetAsync("build -nologo --no-incremental", directory);
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.DoesNotContain("FL2001", rebuild.Output);
    }
}
