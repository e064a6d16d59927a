namespace Forklift.Package.Tests;

/// <summary>
/// A fresh project that references only the packed <c>Forklift</c> package gets the generator from the package,
/// runs a <c>[Parallel]</c> call in a worker process, and is told at build time what cannot cross a process boundary.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class ParallelConsumerTests(PackageFeedFixture feed)
{
    private const string Program = """
        using Forklift;

        int parent = Environment.ProcessId;
        int worker = await Work.ProcessIdAsync(42);
        int[] squares = await Work.SquareMapAsync(new[] { 1, 2, 3, 4 });
        Console.WriteLine($"parent={parent} worker={worker} squares={string.Join(",", squares)}");

        public static partial class Work
        {
            [Parallel]
            public static int ProcessId(int ignored) => Environment.ProcessId;

            [Parallel]
            public static int Square(int x) => x * x;
        }
        """;

    private const string PlantedFL3003 = """
        using Forklift;

        public static partial class Files
        {
            [Parallel]
            public static long Length(System.IO.Stream stream) => stream.Length;
        }
        """;

    [Fact]
    public async Task Parallel_call_runs_in_a_worker_process_and_unsupported_parameter_is_FL3003()
    {
        string directory = feed.NewConsumerApp(
            "parallel-consumer",
            $"""<PackageReference Include="Forklift" Version="{feed.Version}" />""",
            Program,
            more: """
                <ItemGroup Condition="'$(PlantFL3003)' != 'true'">
                  <Compile Remove="Files.cs" />
                </ItemGroup>
                """);
        File.WriteAllText(Path.Combine(directory, "Files.cs"), PlantedFL3003);

        ProcessRunner.Result build = await ProcessRunner.DotnetAsync("build -nologo", directory);
        Assert.True(build.ExitCode == 0, build.ToString());

        string dll = Path.Combine(directory, "bin", "Debug", "net10.0", "Consumer.dll");
        ProcessRunner.Result run = await ProcessRunner.RunAsync("dotnet", $"\"{dll}\"", directory, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.ToString());
        System.Text.RegularExpressions.Match line = System.Text.RegularExpressions.Regex.Match(run.Output, @"parent=(\d+) worker=(\d+) squares=([\d,]+)");
        Assert.True(line.Success, run.ToString());
        Assert.NotEqual(line.Groups[1].Value, line.Groups[2].Value);
        Assert.Equal("1,4,9,16", line.Groups[3].Value);

        ProcessRunner.Result planted = await ProcessRunner.DotnetAsync("build -nologo --no-incremental -p:PlantFL3003=true", directory);
        Assert.NotEqual(0, planted.ExitCode);
        Assert.Contains("error FL3003", planted.Output);
        Assert.Contains("Files.cs(6,", planted.Output);
    }
}
