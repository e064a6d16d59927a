using System.Threading.Channels;

namespace PipeOrgan.TuningLog;

public sealed record TuningEntry(string Division, string Stop, int Pipe, double CentsBefore, double CentsAfter, string Tuner);

/// <summary>
/// Appends tuning entries to the organ's tuning log file. Several tuners work on
/// different divisions at once from their tablets.
/// </summary>
public sealed class TuningLogWriter : IAsyncDisposable
{
    private readonly Channel<TuningEntry> _entries = Channel.CreateUnbounded<TuningEntry>(new UnboundedChannelOptions
    {
        SingleReader = true,
    });

    private readonly StreamWriter _file;
    private readonly Task _writerLoop;
    private int _linesWritten;

    public TuningLogWriter(string path)
    {
        _file = new StreamWriter(path, append: true);
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    public bool TryLog(TuningEntry entry) => _entries.Writer.TryWrite(entry);

    public int LinesWritten => Volatile.Read(ref _linesWritten);

    private async Task WriteLoopAsync()
    {
        await foreach (var entry in _entries.Reader.ReadAllAsync())
        {
            var line = string.Join('\t',
                DateTime.Now.ToString("yyyy-MM-dd HH:mm"),
                entry.Division,
                entry.Stop,
                entry.Pipe,
                entry.CentsBefore.ToString("+0.0;-0.0"),
                entry.CentsAfter.ToString("+0.0;-0.0"),
                entry.Tuner);
            await _file.WriteLineAsync(line);
            Volatile.Write(ref _linesWritten, _linesWritten + 1);

            if (_entries.Reader.Count == 0)
            {
                await _file.FlushAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _entries.Writer.TryComplete();
        await _writerLoop;
        await _file.FlushAsync();
        await _file.DisposeAsync();
    }
}

/// <summary>
/// Tablet session for one tuner.
/// </summary>
public sealed class TunerSession
{
    private readonly TuningLogWriter _log;
    private readonly string _tuner;

    public TunerSession(TuningLogWriter log, string tuner)
    {
        _log = log;
        _tuner = tuner;
    }

    public Task TuneRankAsync(string division, string stop, IReadOnlyList<double> offsets) => Task.Run(() =>
    {
        for (var pipe = 0; pipe < offsets.Count; pipe++)
        {
            _log.TryLog(new TuningEntry(division, stop, pipe + 1, offsets[pipe], 0.0, _tuner));
        }
    });
}
