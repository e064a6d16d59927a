using System.Threading.Channels;

namespace QuiltingBee.Patterns;

public sealed class PatternRenderJob
{
    public PatternRenderJob(string patternId, int blocksAcross, int blocksDown)
    {
        PatternId = patternId;
        BlocksAcross = blocksAcross;
        BlocksDown = blocksDown;
    }

    public string PatternId { get; }
    public int BlocksAcross { get; }
    public int BlocksDown { get; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public byte[]? Output { get; set; }
}

/// <summary>
/// Renders printable quilt pattern sheets for the bee's website. Failed renders
/// are retried with a growing delay; finished jobs appear on <see cref="Completed"/>.
/// </summary>
public sealed class PatternRenderQueue
{
    private readonly Channel<PatternRenderJob> _work = Channel.CreateUnbounded<PatternRenderJob>();
    private readonly Channel<PatternRenderJob> _done = Channel.CreateUnbounded<PatternRenderJob>();
    private readonly Func<PatternRenderJob, CancellationToken, Task<byte[]>> _render;
    private readonly int _maxAttempts;

    public PatternRenderQueue(Func<PatternRenderJob, CancellationToken, Task<byte[]>> render, int maxAttempts = 3)
    {
        _render = render;
        _maxAttempts = maxAttempts;
    }

    public ChannelReader<PatternRenderJob> Completed => _done.Reader;

    public ValueTask EnqueueAsync(PatternRenderJob job, CancellationToken ct) => _work.Writer.WriteAsync(job, ct);

    public async Task RunWorkersAsync(int workers, CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(ct), ct)))
                .ConfigureAwait(false);
        }
        finally
        {
            _done.Writer.TryComplete();
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        await foreach (var job in _work.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            job.Attempts++;
            try
            {
                job.Output = await _render(job, ct).ConfigureAwait(false);
                job.LastError = null;
                await _done.Writer.WriteAsync(job, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                job.LastError = ex.Message;
                if (job.Attempts < _maxAttempts)
                {
                    await Task.Delay(TimeSpan.FromSeconds(job.Attempts * 2), ct).ConfigureAwait(false);
                    await _work.Writer.WriteAsync(job, ct).ConfigureAwait(false);
                }
                else
                {
                    await _done.Writer.WriteAsync(job, ct).ConfigureAwait(false);
                }
            }
        }
    }

    public void CompleteAdding() => _work.Writer.TryComplete();
}

public static class PatternShop
{
    public static async Task<int> PublishAsync(PatternRenderQueue queue, Func<string, byte[], Task> upload, CancellationToken ct)
    {
        int published = 0;
        await foreach (var job in queue.Completed.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (job.Output is { } pdf)
            {
                await upload(job.PatternId, pdf).ConfigureAwait(false);
                published++;
            }
        }
        return published;
    }
}
