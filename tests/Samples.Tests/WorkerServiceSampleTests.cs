using System.Text.RegularExpressions;

namespace Forklift.Samples.Tests;

/// <summary>samples/WorkerService: a BackgroundService running a batch in the keyed "images" pool from configuration.</summary>
public sealed partial class WorkerServiceSampleTests
{
    [Fact]
    public async Task Worker_service_renders_in_the_images_pool_then_drains_both_pools()
    {
        SampleResult run = await SampleRunner.RunAsync("WorkerService");
        run.AssertSucceeded();

        int servicePid = int.Parse(BatchDone().Match(run.Output).Groups[1].Value);
        var images = run.Lines.Select(l => Rendered().Match(l)).Where(m => m.Success)
            .Select(m => (Id: int.Parse(m.Groups[1].Value), Checksum: long.Parse(m.Groups[2].Value), Pid: int.Parse(m.Groups[3].Value)))
            .ToArray();

        // Every image once, with the checksum the same code gives in this process, from at most the pool's 2 workers.
        Assert.Equal(Enumerable.Range(1, 6), images.Select(i => i.Id).Order());
        Assert.All(images, i => Assert.Equal(Checksum(i.Id, 300), i.Checksum));
        Assert.DoesNotContain(servicePid, images.Select(i => i.Pid));
        Assert.InRange(images.Select(i => i.Pid).Distinct().Count(), 1, 2);

        // The pools drained after the BackgroundService stopped.
        int done = run.Output.IndexOf("batch 1 done", StringComparison.Ordinal);
        Assert.True(done >= 0 && done < run.Output.IndexOf("Forklift pool 'images' is draining", StringComparison.Ordinal), run.Describe());
        Assert.Contains("Forklift pool 'images' stopped", run.Output, StringComparison.Ordinal);
        Assert.Contains("Forklift pool 'default' stopped", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_SIGTERM_the_batch_in_flight_finishes_then_the_pools_drain_and_no_worker_is_left()
    {
        await using var service = await SampleProcess.StartAsync("WorkerService", ["--Jobs:Batches=0"]);
        await service.WaitForLineAsync(WorkerPid());
        service.SendSigterm();

        Assert.True(await service.WaitForExitAsync() == 0, service.Describe());
        string output = service.Output;
        int started = BatchStarted().Count(output);
        Assert.True(started >= 1, service.Describe());
        Assert.Equal(started, BatchDone().Count(output));
        Assert.True(output.LastIndexOf("done: 6 images", StringComparison.Ordinal) < output.IndexOf("Forklift pool 'images' is draining", StringComparison.Ordinal), service.Describe());
        Assert.Contains("Forklift pool 'images' stopped", output, StringComparison.Ordinal);
        foreach (int pid in WorkerPid().Matches(output).Select(m => int.Parse(m.Groups[1].Value)).Distinct())
        {
            await SampleProcess.WaitUntilGoneAsync(pid);
        }
    }

    /// <summary>The sample's Thumbnails.Render checksum, computed here independently of the sample's build.</summary>
    private static long Checksum(int imageId, int size)
    {
        long checksum = 17;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                checksum = (checksum * 31) + ((x * imageId) ^ y);
            }
        }

        return checksum;
    }

    [GeneratedRegex(@"image (\d+): checksum (-?\d+) \(worker (\d+)\)")]
    private static partial Regex Rendered();

    [GeneratedRegex(@"batch \d+ done: 6 images; service pid (\d+)")]
    private static partial Regex BatchDone();

    [GeneratedRegex(@"batch \d+ started")]
    private static partial Regex BatchStarted();

    [GeneratedRegex(@"\(worker (\d+)\)")]
    private static partial Regex WorkerPid();
}
