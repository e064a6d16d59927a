using System.Collections.Concurrent;

namespace Blind.C18;

public sealed record AuditRecord(string User, string Action, string Resource, DateTime At);

/// <summary>
/// Appends audit records to a daily file. Request threads enqueue records; a single
/// dedicated thread owns the file handle and writes them out in order.
/// </summary>
public sealed class AuditTrailWriter : IDisposable
{
    private readonly BlockingCollection<AuditRecord> _queue = new(boundedCapacity: 50_000);
    private readonly Thread _writer;
    private readonly string _directory;
    private StreamWriter? _current;
    private DateOnly _currentDay;
    private long _written;
    private long _dropped;

    public AuditTrailWriter(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "audit-writer" };
        _writer.Start();
    }

    public long Written => Interlocked.Read(ref _written);

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Append(AuditRecord record)
    {
        if (!_queue.TryAdd(record, millisecondsTimeout: 50))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private void WriteLoop()
    {
        foreach (var record in _queue.GetConsumingEnumerable())
        {
            var day = DateOnly.FromDateTime(record.At);
            if (_current is null || day != _currentDay)
            {
                _current?.Dispose();
                _current = new StreamWriter(Path.Combine(_directory, $"audit-{day:yyyyMMdd}.log"), append: true);
                _currentDay = day;
            }

            _current.WriteLine($"{record.At:O}\t{record.User}\t{record.Action}\t{record.Resource}");
            if (_queue.Count == 0)
            {
                _current.Flush();
            }

            Interlocked.Increment(ref _written);
        }

        _current?.Dispose();
        _current = null;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _writer.Join();
        _queue.Dispose();
    }
}
