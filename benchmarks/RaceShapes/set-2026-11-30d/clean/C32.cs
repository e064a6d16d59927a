using System.Text;
using System.Threading.Channels;

namespace Blind4.Clean.Logging.Files;

public sealed record FileLogStatistics(long EntriesWritten, long BytesWritten, int FilesRolled);

/// <summary>
/// File logging target. Loggers on any thread hand lines to <see cref="Enqueue"/>; one background
/// task writes them to disk and rolls the file when it grows past the size limit.
/// </summary>
public sealed class BackgroundFileLogTarget
{
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    private readonly string _directory;
    private readonly string _baseName;
    private readonly long _maxFileBytes;
    private readonly Task<FileLogStatistics> _writerTask;

    private StreamWriter? _current;
    private long _currentFileBytes;
    private long _entriesWritten;
    private long _bytesWritten;
    private int _filesRolled;

    public BackgroundFileLogTarget(string directory, string baseName, long maxFileBytes = 10 * 1024 * 1024)
    {
        _directory = directory;
        _baseName = baseName;
        _maxFileBytes = maxFileBytes;
        Directory.CreateDirectory(directory);
        _writerTask = Task.Run(WriteLoopAsync);
    }

    public bool Enqueue(string line) => _lines.Writer.TryWrite(line);

    /// <summary>Stops accepting lines, drains what is buffered and returns totals.</summary>
    public Task<FileLogStatistics> CompleteAsync()
    {
        _lines.Writer.TryComplete();
        return _writerTask;
    }

    private async Task<FileLogStatistics> WriteLoopAsync()
    {
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                var writer = _current ?? OpenNewFile();
                await writer.WriteLineAsync(line).ConfigureAwait(false);

                var size = Encoding.UTF8.GetByteCount(line) + Environment.NewLine.Length;
                _currentFileBytes += size;
                _bytesWritten += size;
                _entriesWritten++;

                if (_lines.Reader.Count == 0)
                {
                    await writer.FlushAsync().ConfigureAwait(false);
                }

                if (_currentFileBytes >= _maxFileBytes)
                {
                    await writer.DisposeAsync().ConfigureAwait(false);
                    _current = null;
                    _filesRolled++;
                }
            }
        }
        finally
        {
            if (_current is not null)
            {
                await _current.DisposeAsync().ConfigureAwait(false);
                _current = null;
            }
        }

        return new FileLogStatistics(_entriesWritten, _bytesWritten, _filesRolled);
    }

    private StreamWriter OpenNewFile()
    {
        var path = Path.Combine(_directory, $"{_baseName}-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}.log");
        _current = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), Encoding.UTF8);
        _currentFileBytes = 0;
        return _current;
    }
}
