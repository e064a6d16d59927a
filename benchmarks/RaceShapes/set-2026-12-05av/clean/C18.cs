using System.Collections.Concurrent;

namespace Blind48.YogaStudio.CheckIn;

public sealed record CheckInRequest(string MemberId, string ClassId, DateTimeOffset At);

/// <summary>
/// Processes front-desk and app check-ins on a fixed set of worker threads so
/// the membership database sees a bounded number of connections. Each request
/// gets its outcome through a task.
/// </summary>
public sealed class CheckInProcessor : IDisposable
{
    private readonly BlockingCollection<(CheckInRequest Request, TaskCompletionSource<bool> Done)> _queue =
        new(new ConcurrentQueue<(CheckInRequest, TaskCompletionSource<bool>)>(), boundedCapacity: 500);
    private readonly ConcurrentDictionary<string, int> _attendanceByClass = new(StringComparer.Ordinal);
    private readonly Func<CheckInRequest, bool> _validateMembership;
    private readonly Thread[] _workers;
    private long _processed;

    public CheckInProcessor(Func<CheckInRequest, bool> validateMembership, int workers = 3)
    {
        _validateMembership = validateMembership;
        _workers = Enumerable.Range(0, workers)
            .Select(i => new Thread(Work) { IsBackground = true, Name = $"checkin-{i}" })
            .ToArray();
        foreach (var w in _workers)
        {
            w.Start();
        }
    }

    public Task<bool> CheckInAsync(CheckInRequest request)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((request, done));
        return done.Task;
    }

    public int Attendance(string classId) => _attendanceByClass.TryGetValue(classId, out var n) ? n : 0;

    public long Processed => Interlocked.Read(ref _processed);

    private void Work()
    {
        foreach (var (request, done) in _queue.GetConsumingEnumerable())
        {
            try
            {
                var ok = _validateMembership(request);
                if (ok)
                {
                    _attendanceByClass.AddOrUpdate(request.ClassId, 1, (_, n) => n + 1);
                }

                Interlocked.Increment(ref _processed);
                done.TrySetResult(ok);
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var w in _workers)
        {
            w.Join();
        }

        _queue.Dispose();
    }
}
