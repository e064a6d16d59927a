using System.Text;

namespace Blind10.Logging.Rolling;

/// <summary>
/// Async log writer that rolls to a new file once the current one reaches a size limit.
/// Many components log through the same writer instance.
/// </summary>
public sealed class RollingFileLogWriter : IAsyncDisposable
{
    private static readonly int NewLineBytes = Encoding.UTF8.GetByteCount(Environment.NewLine);

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly string _directory;
    private readonly string _prefix;
    private readonly long _maxFileBytes;
    private StreamWriter? _current;
    private long _currentBytes;
    private int _fileIndex;
    private long _totalLines;

    public RollingFileLogWriter(string directory, string prefix, long maxFileBytes)
    {
        _directory = directory;
        _prefix = prefix;
        _maxFileBytes = maxFileBytes;
        Directory.CreateDirectory(directory);
    }

    public long TotalLines => Interlocked.Read(ref _totalLines);

    public async Task WriteAsync(string level, string message, CancellationToken ct = default)
    {
        var line = $"{DateTimeOffset.UtcNow:O} [{level}] {message}";
        int lineBytes = Encoding.UTF8.GetByteCount(line) + NewLineBytes;

        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_current is null || _currentBytes + lineBytes > _maxFileBytes)
            {
                await RollAsync().ConfigureAwait(false);
            }

            await _current!.WriteLineAsync(line).ConfigureAwait(false);
            await _current.FlushAsync().ConfigureAwait(false);
            _currentBytes += lineBytes;
            Interlocked.Increment(ref _totalLines);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task RollAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync().ConfigureAwait(false);
        }

        _fileIndex++;
        var path = Path.Combine(_directory, $"{_prefix}-{DateTime.UtcNow:yyyyMMdd}-{_fileIndex:D3}.log");
        _current = new StreamWriter(path, append: false, Encoding.UTF8);
        _currentBytes = 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_current is not null)
            {
                await _current.DisposeAsync().ConfigureAwait(false);
                _current = null;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
