using System.Collections.Concurrent;
using System.Diagnostics;

namespace Blind61.EscapeRooms.Props;

public abstract record PropCommand(string Room);
public sealed record SolvePuzzle(string Room, string PuzzleId) : PropCommand(Room);
public sealed record AddHint(string Room) : PropCommand(Room);
public sealed record ResetRoom(string Room) : PropCommand(Room);

/// <summary>
/// Runs the room prop controllers (maglocks, lights, sound cues) on one dedicated update
/// loop at 20 Hz. The game-master console and the puzzle sensors post commands to it.
/// </summary>
public sealed class PropUpdateLoop
{
    private sealed class RoomState
    {
        public readonly HashSet<string> Solved = new();
        public int Hints;
        public double SecondsRemaining = 3600;
        public bool DoorReleased;
    }

    private readonly ConcurrentQueue<PropCommand> _commands = new();
    private readonly Dictionary<string, RoomState> _rooms = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyDictionary<string, int> _puzzlesPerRoom;
    private readonly Action<string, string> _actuate;
    private volatile bool _running;

    public PropUpdateLoop(IReadOnlyDictionary<string, int> puzzlesPerRoom, Action<string, string> actuate)
    {
        _puzzlesPerRoom = puzzlesPerRoom;
        _actuate = actuate;
    }

    public void Post(PropCommand command) => _commands.Enqueue(command);

    public void Stop() => _running = false;

    /// <summary>Runs until <see cref="Stop"/> is called. Started on its own thread by the host.</summary>
    public void Run()
    {
        _running = true;
        var clock = Stopwatch.StartNew();
        var last = clock.Elapsed;
        while (_running)
        {
            var now = clock.Elapsed;
            var dt = (now - last).TotalSeconds;
            last = now;

            while (_commands.TryDequeue(out var command))
                Apply(command);

            foreach (var (room, state) in _rooms)
                Tick(room, state, dt);

            Thread.Sleep(50);
        }
    }

    private void Apply(PropCommand command)
    {
        if (!_rooms.TryGetValue(command.Room, out var state))
            _rooms[command.Room] = state = new RoomState();

        switch (command)
        {
            case SolvePuzzle s when state.Solved.Add(s.PuzzleId):
                _actuate(s.Room, "chime");
                break;
            case AddHint:
                state.Hints++;
                state.SecondsRemaining -= 120;
                _actuate(command.Room, "hint-light");
                break;
            case ResetRoom:
                _rooms[command.Room] = new RoomState();
                _actuate(command.Room, "reset");
                break;
        }
    }

    private void Tick(string room, RoomState state, double dt)
    {
        if (state.DoorReleased)
            return;

        state.SecondsRemaining -= dt;
        var allSolved = state.Solved.Count >= _puzzlesPerRoom.GetValueOrDefault(room, int.MaxValue);
        if (allSolved || state.SecondsRemaining <= 0)
        {
            state.DoorReleased = true;
            _actuate(room, allSolved ? "door-open-win" : "door-open-timeout");
        }
    }
}
