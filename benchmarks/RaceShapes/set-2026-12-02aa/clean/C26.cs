namespace Blind27.HarbourPilots.Logs;

/// <summary>
/// Tails the VTS (vessel traffic service) log file and reports every line
/// mentioning a pilot boarding. The dispatch dashboard polls <see cref="LinesRead"/>.
/// </summary>
public sealed class VtsLogTailer : IAsyncDisposable
{
    private readonly string _path;
    private readonly Action<string> _onBoardingLine;
    private readonly CancellationTokenSource _cts = new();
    private Task? _loop;
    private long _linesRead;

    /// <param name="path">Path of the VTS log.</param>
    /// <param name="onBoardingLine">Invoked on the tailer's background task for each boarding line.</param>
    public VtsLogTailer(string path, Action<string> onBoardingLine)
    {
        _path = path;
        _onBoardingLine = onBoardingLine;
    }

    public long LinesRead => Interlocked.Read(ref _linesRead);

    public void Start()
    {
        if (Interlocked.CompareExchange(ref _loop, Task.CompletedTask, null) is not null)
        {
            throw new InvalidOperationException("Already started.");
        }

        Volatile.Write(ref _loop, Task.Run(() => TailAsync(_cts.Token)));
    }

    private async Task TailAsync(CancellationToken ct)
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        stream.Seek(0, SeekOrigin.End);

        while (!ct.IsCancellationRequested)
        {
            var line = await reader.ReadLineAsync(ct).ConfigureAwait(false);
            if (line is null)
            {
                await Task.Delay(250, ct).ConfigureAwait(false);
                continue;
            }

            Interlocked.Increment(ref _linesRead);
            if (line.Contains("PILOT ON BOARD", StringComparison.OrdinalIgnoreCase))
            {
                _onBoardingLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _cts.Cancel();
        var loop = Volatile.Read(ref _loop);
        if (loop is not null)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _cts.Dispose();
    }
}

/// <summary>Counts boardings per pilot from the tailed log.</summary>
public sealed class BoardingCounter
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byPilot = new();

    public VtsLogTailer CreateTailer(string path) => new(path, OnLine);

    private void OnLine(string line)
    {
        var pilot = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "?";
        _byPilot.AddOrUpdate(pilot, 1, (_, n) => n + 1);
    }

    public int For(string pilot) => _byPilot.TryGetValue(pilot, out var n) ? n : 0;
}
