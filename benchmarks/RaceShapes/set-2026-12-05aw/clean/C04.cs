namespace VolcanoObservatory.Gas;

/// <summary>
/// Follows the SO2 spectrometer log. The poll loop reads new lines; the rotation handler
/// (raised by the file watcher on a pool thread) starts over from the top of the new file.
/// </summary>
public sealed class GasLogTailer : IDisposable
{
    private readonly string _path;
    private readonly object _sync = new();
    private readonly FileSystemWatcher _watcher;
    private readonly CancellationTokenSource _cts = new();
    private long _position;
    private int _rotations;
    private Task? _loop;

    public event Action<string>? LineRead;

    public GasLogTailer(string path)
    {
        _path = path;
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path));
        _watcher.Created += OnRotated;
        _watcher.Renamed += OnRotated;
    }

    public int Rotations
    {
        get
        {
            lock (_sync)
            {
                return _rotations;
            }
        }
    }

    public void Start()
    {
        _watcher.EnableRaisingEvents = true;
        _loop = Task.Run(() => PollAsync(_cts.Token));
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                foreach (var line in ReadNewLines())
                {
                    LineRead?.Invoke(line);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private List<string> ReadNewLines()
    {
        var lines = new List<string>();
        lock (_sync)
        {
            if (!File.Exists(_path))
            {
                return lines;
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
        return lines;
    }

    private void OnRotated(object sender, FileSystemEventArgs e)
    {
        lock (_sync)
        {
            _position = 0;
            _rotations++;
        }
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
