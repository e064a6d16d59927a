using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Blind47.HedgeMazes.Game;

public readonly record struct PlayerInput(string PlayerId, int Dx, int Dy);

public readonly record struct PlayerPosition(string PlayerId, int X, int Y, bool Finished);

/// <summary>
/// Multiplayer hedge-maze game server. Network handlers enqueue inputs from any
/// thread; a single tick loop owns the maze state and publishes a frame that
/// spectators can read.
/// </summary>
public sealed class MazeServer
{
    private readonly bool[,] _walls;
    private readonly (int X, int Y) _exit;
    private readonly ConcurrentQueue<PlayerInput> _inputs = new();
    private readonly Dictionary<string, (int X, int Y, bool Finished)> _players = new();
    private IReadOnlyList<PlayerPosition> _lastFrame = Array.Empty<PlayerPosition>();
    private long _tick;

    public MazeServer(bool[,] walls, (int X, int Y) exit)
    {
        _walls = walls;
        _exit = exit;
    }

    public void Submit(PlayerInput input) => _inputs.Enqueue(input);

    public IReadOnlyList<PlayerPosition> LastFrame => Volatile.Read(ref _lastFrame);

    public long Tick => Interlocked.Read(ref _tick);

    public async Task RunAsync(TimeSpan tickLength, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(tickLength);
        while (await timer.WaitForNextTickAsync(ct))
        {
            Step();
            Interlocked.Increment(ref _tick);
        }
    }

    private void Step()
    {
        while (_inputs.TryDequeue(out var input))
        {
            if (!_players.TryGetValue(input.PlayerId, out var p))
            {
                p = (1, 1, false);
            }

            if (!p.Finished)
            {
                var nx = Math.Clamp(p.X + Math.Sign(input.Dx), 0, _walls.GetLength(0) - 1);
                var ny = Math.Clamp(p.Y + Math.Sign(input.Dy), 0, _walls.GetLength(1) - 1);
                if (!_walls[nx, ny])
                {
                    p = (nx, ny, (nx, ny) == _exit);
                }
            }

            _players[input.PlayerId] = p;
        }

        var frame = new PlayerPosition[_players.Count];
        var i = 0;
        foreach (var (id, p) in _players)
        {
            frame[i++] = new PlayerPosition(id, p.X, p.Y, p.Finished);
        }

        Volatile.Write(ref _lastFrame, frame);
    }
}
