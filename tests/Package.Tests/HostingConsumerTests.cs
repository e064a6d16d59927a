using System.Text.RegularExpressions;

namespace Forklift.Package.Tests;

/// <summary>
/// A fresh hosted app that references only the packed <c>Forklift.Hosting</c> package gets the runtime and the
/// [Parallel] generator through it, and its generated calls without a pool run in the pool that AddForklift registered.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed partial class HostingConsumerTests(PackageFeedFixture feed)
{
    private const string Program = """
        using Forklift;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddForklift(o => o.Workers = 1);
        using IHost host = builder.Build();
        await host.StartAsync();
        WorkerPool pool = host.Services.GetRequiredService<WorkerPool>();
        int viaDefault = await Work.ProcessIdAsync(1);
        int viaPool = await Work.ProcessIdAsync(pool, 2);
        Console.WriteLine($"parent={Environment.ProcessId} default={viaDefault} pool={viaPool} live={pool.GetStatus().LiveWorkers}");
        await host.StopAsync();

        public static partial class Work
        {
            [Parallel]
            public static int ProcessId(int ignored) => Environment.ProcessId;
        }
        """;

    [Fact]
    public async Task Hosting_package_alone_brings_the_generator_and_the_host_pool_serves_generated_calls()
    {
        string directory = feed.NewConsumerApp(
            "hosting-consumer",
            $"""
                <PackageReference Include="Forklift.Hosting" Version="{feed.Version}" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.5" />
                """,
            Program);

        ProcessRunner.Result build = await ProcessRunner.DotnetAsync("build -nologo", directory);
        Assert.True(build.ExitCode == 0, build.ToString());

        string dll = Path.Combine(directory, "bin", "Debug", "net10.0", "Consumer.dll");
        ProcessRunner.Result run = await ProcessRunner.RunAsync("dotnet", $"\"{dll}\"", directory, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.ToString());
        Match line = Result().Match(run.Output);
        Assert.True(line.Success, run.ToString());

        // One worker in the host's pool answered both calls, and it is not the app's own process.
        Assert.Equal(line.Groups["pool"].Value, line.Groups["default"].Value);
        Assert.NotEqual(line.Groups["parent"].Value, line.Groups["default"].Value);
        Assert.Equal("1", line.Groups["live"].Value);
    }

    [GeneratedRegex(@"parent=(?<parent>\d+) default=(?<default>\d+) pool=(?<pool>\d+) live=(?<live>\d+)")]
    private static partial Regex Result();
}
