using System.Text;

namespace Acme.Logging.Sinks;

/// <summary>
/// Log sink that buffers formatted lines and appends them to a file from a timer.
/// Emit is called by the logging pipeline from any thread.
/// </summary>
public sealed class RollingBufferSink : IDisposable
{
    private readonly object _bufferLock = new();
    private readonly SemaphoreSlim _fileGate = new(1, 1);
    private readonly string _path;
    private readonly Timer _timer;
    private StringBuilder _buffer = new();

    public RollingBufferSink(string path, TimeSpan flushInterval)
    {
        _path = path;
        _timer = new Timer(_ => _ = FlushAsync(), null, flushInterval, flushInterval);
    }

    public void Emit(string level, string category, string message)
    {
        var line = $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss.fff} [{level}] {category}: {message}";
        lock (_bufferLock)
        {
            _buffer.AppendLine(line);
        }
    }

    public async Task FlushAsync()
    {
        StringBuilder toWrite;
        lock (_bufferLock)
        {
            if (_buffer.Length == 0)
                return;

            toWrite = _buffer;
            _buffer = new StringBuilder(toWrite.Capacity);
        }

        await _fileGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await File.AppendAllTextAsync(_path, toWrite.ToString(), Encoding.UTF8).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Failed to write log batch to '{_path}': {ex.Message}");
        }
        finally
        {
            _fileGate.Release();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        FlushAsync().GetAwaiter().GetResult();
    }
}
