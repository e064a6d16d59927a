using System.Threading.Channels;

namespace Blind58.PuntingRoutes;

public sealed record Waypoint(double Lat, double Lon, string Label);

public abstract record RouteEdit;
public sealed record AddWaypoint(int Index, Waypoint Point) : RouteEdit;
public sealed record RemoveWaypoint(int Index) : RouteEdit;
public sealed record UndoEdit : RouteEdit;
public sealed record RedoEdit : RouteEdit;

/// <summary>
/// Route editor for the punting station's guided tour map. Edits come from the map UI and
/// from the river-level service (which closes stretches when the river is high); both
/// post edits to a channel and a single loop applies them, so the route and its history
/// are only ever touched by that loop.
/// </summary>
public sealed class TourRouteEditor : IAsyncDisposable
{
    private readonly Channel<RouteEdit> _edits = Channel.CreateUnbounded<RouteEdit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Waypoint> _route = new();
    private readonly Stack<(RouteEdit Applied, Waypoint? Removed)> _undo = new();
    private readonly Stack<RouteEdit> _redo = new();
    private readonly Task _loop;
    private IReadOnlyList<Waypoint> _published = Array.Empty<Waypoint>();

    public TourRouteEditor()
    {
        _loop = Task.Run(ApplyLoopAsync);
    }

    /// <summary>Latest route, as of the last applied edit.</summary>
    public IReadOnlyList<Waypoint> Route => Volatile.Read(ref _published);

    public ValueTask PostAsync(RouteEdit edit, CancellationToken cancellationToken = default) =>
        _edits.Writer.WriteAsync(edit, cancellationToken);

    private async Task ApplyLoopAsync()
    {
        await foreach (var edit in _edits.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            switch (edit)
            {
                case UndoEdit when _undo.TryPop(out var last):
                    Revert(last.Applied, last.Removed);
                    _redo.Push(last.Applied);
                    break;
                case RedoEdit when _redo.TryPop(out var again):
                    _undo.Push((again, Apply(again)));
                    break;
                case AddWaypoint or RemoveWaypoint:
                    _undo.Push((edit, Apply(edit)));
                    _redo.Clear();
                    break;
            }

            Volatile.Write(ref _published, _route.ToArray());
        }
    }

    private Waypoint? Apply(RouteEdit edit)
    {
        switch (edit)
        {
            case AddWaypoint add:
                _route.Insert(Math.Clamp(add.Index, 0, _route.Count), add.Point);
                return null;
            case RemoveWaypoint remove when remove.Index >= 0 && remove.Index < _route.Count:
                var removed = _route[remove.Index];
                _route.RemoveAt(remove.Index);
                return removed;
            default:
                return null;
        }
    }

    private void Revert(RouteEdit edit, Waypoint? removed)
    {
        switch (edit)
        {
            case AddWaypoint add:
                _route.RemoveAt(Math.Clamp(add.Index, 0, _route.Count - 1));
                break;
            case RemoveWaypoint remove when removed is not null:
                _route.Insert(Math.Clamp(remove.Index, 0, _route.Count), removed);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _edits.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}

/// <summary>Closes stretches of river in the tour route when the level gauge reads high.</summary>
public sealed class RiverLevelWatcher
{
    private readonly TourRouteEditor _editor;

    public RiverLevelWatcher(TourRouteEditor editor) => _editor = editor;

    public async Task OnGaugeReadingAsync(double levelMetres, int weirWaypointIndex)
    {
        if (levelMetres > 1.2)
        {
            await _editor.PostAsync(new RemoveWaypoint(weirWaypointIndex)).ConfigureAwait(false);
        }
    }
}
