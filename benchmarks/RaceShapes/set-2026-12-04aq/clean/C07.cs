using System.Threading.Channels;

namespace Blind43.ChoirFestival.Seating;

public sealed record SeatRequest(string ChoirName, int Singers, TaskCompletionSource<SeatAllocation?> Reply);

public sealed record SeatAllocation(string ChoirName, string Block, int FirstRow, int Rows);

/// <summary>
/// Allocates risers blocks to choirs in the festival hall. Requests arrive from many HTTP
/// requests; a single background loop owns the seating plan and answers each request in turn.
/// </summary>
public sealed class RiserAllocator : IAsyncDisposable
{
    private const int SingersPerRow = 12;

    private readonly Channel<SeatRequest> _requests = Channel.CreateUnbounded<SeatRequest>(
        new UnboundedChannelOptions { SingleReader = true });

    // Seating plan.
    private readonly Dictionary<string, int> _nextFreeRowByBlock;
    private readonly Dictionary<string, SeatAllocation> _allocated = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _rowsPerBlock;
    private readonly Task _loop;

    public RiserAllocator(IEnumerable<string> blocks, int rowsPerBlock)
    {
        _rowsPerBlock = rowsPerBlock;
        _nextFreeRowByBlock = blocks.ToDictionary(b => b, _ => 1, StringComparer.OrdinalIgnoreCase);
        _loop = Task.Run(RunAsync);
    }

    public Task<SeatAllocation?> RequestAsync(string choirName, int singers)
    {
        var reply = new TaskCompletionSource<SeatAllocation?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_requests.Writer.TryWrite(new SeatRequest(choirName, singers, reply)))
        {
            reply.SetException(new InvalidOperationException("Seating is closed."));
        }

        return reply.Task;
    }

    private async Task RunAsync()
    {
        await foreach (var request in _requests.Reader.ReadAllAsync())
        {
            try
            {
                request.Reply.SetResult(Allocate(request));
            }
            catch (Exception ex)
            {
                request.Reply.SetException(ex);
            }
        }
    }

    private SeatAllocation? Allocate(SeatRequest request)
    {
        if (_allocated.TryGetValue(request.ChoirName, out var existing))
        {
            return existing;
        }

        var rowsNeeded = (request.Singers + SingersPerRow - 1) / SingersPerRow;
        foreach (var block in _nextFreeRowByBlock.Keys.OrderBy(b => b, StringComparer.Ordinal).ToList())
        {
            var nextRow = _nextFreeRowByBlock[block];
            if (nextRow + rowsNeeded - 1 <= _rowsPerBlock)
            {
                var allocation = new SeatAllocation(request.ChoirName, block, nextRow, rowsNeeded);
                _nextFreeRowByBlock[block] = nextRow + rowsNeeded;
                _allocated[request.ChoirName] = allocation;
                return allocation;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
