using System.Threading.Channels;

namespace Blind66.ViolinLuthier.Workbench;

public sealed record GraduationEdit(string Plate, int Zone, double ThicknessMm);

/// <summary>
/// Editing session for a violin plate's graduation map (thickness per zone). All edits, undo
/// and redo go through a mailbox processed by one loop. Callers from the UI and from the
/// sync service await the reply.
/// </summary>
public sealed class GraduationSession : IAsyncDisposable
{
    private readonly Channel<Func<object?>> _mailbox = Channel.CreateUnbounded<Func<object?>>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<(string Plate, int Zone), double> _map = new();
    private readonly Stack<GraduationEdit> _undo = new();
    private readonly Stack<GraduationEdit> _redo = new();
    private readonly Task _loop;

    public GraduationSession()
    {
        _loop = Task.Run(RunAsync);
    }

    public Task Apply(GraduationEdit edit) => Post(() =>
    {
        _undo.Push(Swap(edit));
        _redo.Clear();
        return null;
    });

    public Task<bool> Undo() => Post(() => Step(_undo, _redo));

    public Task<bool> Redo() => Post(() => Step(_redo, _undo));

    public Task<IReadOnlyDictionary<(string Plate, int Zone), double>> Snapshot() =>
        Post<IReadOnlyDictionary<(string Plate, int Zone), double>>(() => new Dictionary<(string, int), double>(_map));

    private bool Step(Stack<GraduationEdit> from, Stack<GraduationEdit> to)
    {
        if (!from.TryPop(out var edit))
        {
            return false;
        }

        to.Push(Swap(edit));
        return true;
    }

    // Applies an edit and returns the edit that would reverse it.
    private GraduationEdit Swap(GraduationEdit edit)
    {
        var key = (edit.Plate, edit.Zone);
        var previous = _map.TryGetValue(key, out var mm) ? mm : double.NaN;
        if (double.IsNaN(edit.ThicknessMm))
        {
            _map.Remove(key);
        }
        else
        {
            _map[key] = edit.ThicknessMm;
        }

        return edit with { ThicknessMm = previous };
    }

    private Task<T> Post<T>(Func<T> work)
    {
        var reply = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var accepted = _mailbox.Writer.TryWrite(() =>
        {
            try
            {
                reply.SetResult(work());
            }
            catch (Exception ex)
            {
                reply.SetException(ex);
            }

            return null;
        });

        if (!accepted)
        {
            reply.SetException(new ObjectDisposedException(nameof(GraduationSession)));
        }

        return reply.Task;
    }

    private Task Post(Func<object?> work) => Post<object?>(work);

    private async Task RunAsync()
    {
        await foreach (var message in _mailbox.Reader.ReadAllAsync())
        {
            message();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _mailbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
