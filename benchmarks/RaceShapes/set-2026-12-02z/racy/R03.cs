namespace Blind26.Lighthouse.Logging;

/// <summary>
/// Buffering log target used by the lens polishing crews' handheld app backend.
/// Log calls come from every request thread; a background loop flushes the buffer
/// to the underlying writer every few seconds.
/// </summary>
public sealed class BufferedPolishLogTarget : IAsyncDisposable
{
    private List<string> _buffer = new();
    private readonly TextWriter _sink;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flushLoop;

    public BufferedPolishLogTarget(TextWriter sink, TimeSpan flushInterval)
    {
        _sink = sink;
        _flushLoop = FlushLoopAsync(flushInterval);
    }

    public void Write(string lighthouse, string lensPanel, string message)
    {
        string line = $"{DateTime.UtcNow:O} [{lighthouse}/{lensPanel}] {message}";
        lock (_buffer)
        {
            _buffer.Add(line);
        }
    }

    private async Task FlushLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Flush();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Flush()
    {
        List<string> toWrite;
        lock (_buffer)
        {
            if (_buffer.Count == 0)
            {
                return;
            }

            toWrite = _buffer;
            _buffer = new List<string>(toWrite.Count);
        }

        foreach (string line in toWrite)
        {
            _sink.WriteLine(line);
        }

        _sink.Flush();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _flushLoop.ConfigureAwait(false);
        Flush();
        _stop.Dispose();
    }
}

/// <summary>Small facade the controllers use.</summary>
public sealed class PolishingLog
{
    private readonly BufferedPolishLogTarget _target;

    public PolishingLog(BufferedPolishLogTarget target) => _target = target;

    public void PanelStarted(string lighthouse, string panel, string crew) =>
        _target.Write(lighthouse, panel, $"polishing started by {crew}");

    public void PanelFinished(string lighthouse, string panel, TimeSpan took) =>
        _target.Write(lighthouse, panel, $"polishing finished in {took.TotalMinutes:F0} min");
}
