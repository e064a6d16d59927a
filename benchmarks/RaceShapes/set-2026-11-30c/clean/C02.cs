using System.Text;
using System.Threading.Channels;

namespace Northwind.Logging.Sinks
{
    public readonly record struct LogLine(DateTimeOffset Timestamp, string Level, string Category, string Text);

    /// <summary>
    /// Rolling file sink. Loggers on any thread call <see cref="Emit"/>; a single
    /// background loop owns the file handle and performs all writes.
    /// </summary>
    public sealed class RollingFileSink : IAsyncDisposable
    {
        private readonly Channel<LogLine> _channel;
        private readonly string _directory;
        private readonly string _prefix;
        private readonly Task _pump;
        private long _dropped;
        private long _written;

        public RollingFileSink(string directory, string prefix, int capacity = 8192)
        {
            _directory = directory;
            _prefix = prefix;
            _channel = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleReader = true,
                SingleWriter = false,
            });
            _pump = Task.Run(PumpAsync);
        }

        public long Dropped => Interlocked.Read(ref _dropped);

        public long Written => Interlocked.Read(ref _written);

        public void Emit(LogLine line)
        {
            if (!_channel.Writer.TryWrite(line))
            {
                Interlocked.Increment(ref _dropped);
            }
        }

        private async Task PumpAsync()
        {
            StreamWriter? writer = null;
            DateOnly currentDay = default;
            var sb = new StringBuilder(256);

            try
            {
                await foreach (var line in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    var day = DateOnly.FromDateTime(line.Timestamp.UtcDateTime);
                    if (writer is null || day != currentDay)
                    {
                        if (writer is not null)
                        {
                            await writer.DisposeAsync().ConfigureAwait(false);
                        }
                        currentDay = day;
                        var path = Path.Combine(_directory, $"{_prefix}-{day:yyyyMMdd}.log");
                        writer = new StreamWriter(path, append: true, new UTF8Encoding(false));
                    }

                    sb.Clear();
                    sb.Append(line.Timestamp.ToString("HH:mm:ss.fff")).Append(' ')
                      .Append(line.Level).Append(' ')
                      .Append(line.Category).Append(" - ")
                      .Append(line.Text);
                    await writer.WriteLineAsync(sb).ConfigureAwait(false);
                    Interlocked.Increment(ref _written);

                    if (_channel.Reader.Count == 0)
                    {
                        await writer.FlushAsync().ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                if (writer is not null)
                {
                    await writer.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _channel.Writer.TryComplete();
            await _pump.ConfigureAwait(false);
        }
    }
}
