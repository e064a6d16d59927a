namespace Forklift.Package.Tests;

/// <summary>
/// The Forklift package makes the publish properties visible to analyzers (build/Forklift.props), so FL3007 reports a
/// Main without the worker guard in an app that publishes as its own executable, and stays silent otherwise.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class WorkerGuardConsumerTests(PackageFeedFixture feed)
{
    private const string Program = """
        using Forklift;

        Console.WriteLine(await Work.SquareAsync(7));

        public static partial class Work
        {
            [Parallel]
            public static int Square(int x) => x * x;
        }
        """;

    [Fact]
    public async Task A_Main_without_the_guard_is_FL3007_only_when_the_app_publishes_Native_AOT()
    {
        string directory = feed.NewConsumerApp(
            "guard-consumer",
            $"""<PackageReference Include="Forklift" Version="{feed.Version}" />""",
            Program);

        ProcessRunner.Result frameworkDependent = await ProcessRunner.DotnetAsync("build -nologo", directory);
        Assert.True(frameworkDependent.ExitCode == 0, frameworkDependent.ToString());
        Assert.DoesNotContain("FL3007", frameworkDependent.Output);

        ProcessRunner.Result aot = await ProcessRunner.DotnetAsync("build -nologo --no-incremental -p:PublishAot=true", directory);
        Assert.NotEqual(0, aot.ExitCode);
        Assert.Contains("error FL3007", aot.Output);
        Assert.Contains("Program.cs(3,", aot.Output);
    }
}
