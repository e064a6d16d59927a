namespace VolcanoObservatory.Seismic;

/// <summary>
/// Follows the seismograph export log and forwards each new line to subscribers.
/// The exporter rotates its log every hour by renaming it and starting a new file.
/// </summary>
public sealed class SeismoLogTailer : IDisposable
{
    private readonly string _path;
    private readonly object _sync = new();
    private readonly FileSystemWatcher _watcher;
    private readonly CancellationTokenSource _cts = new();
    private long _position;
    private Task? _loop;

    public event Action<string>? LineRead;

    public SeismoLogTailer(string path)
    {
        _path = path;
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path));
        _watcher.Created += OnRotated;
        _watcher.Renamed += OnRotated;
    }

    public void Start()
    {
        _watcher.EnableRaisingEvents = true;
        _loop = Task.Run(() => PollAsync(_cts.Token));
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                ReadNewLines();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void ReadNewLines()
    {
        var lines = new List<string>();
        lock (_sync)
        {
            if (!File.Exists(_path))
            {
                return;
            }
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < _position)
            {
                _position = 0;
            }
            stream.Seek(_position, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                lines.Add(line);
            }
            _position = stream.Position;
        }

        foreach (var line in lines)
        {
            LineRead?.Invoke(line);
        }
    }

    private void OnRotated(object sender, FileSystemEventArgs e)
    {
        // A fresh file was started; read it from the beginning.
        _position = 0;
    }

    public void Dispose()
    {
        _cts.Cancel();
        _watcher.Dispose();
        try
        {
            _loop?.Wait();
        }
        catch (AggregateException)
        {
        }
        _cts.Dispose();
    }
}

/// <summary>Counts tremor alerts seen in the tailed log.</summary>
public sealed class TremorAlertCounter
{
    private int _alerts;

    public TremorAlertCounter(SeismoLogTailer tailer)
    {
        tailer.LineRead += line =>
        {
            if (line.Contains("TREMOR", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _alerts);
            }
        };
    }

    public int Alerts => Volatile.Read(ref _alerts);
}
