using System.Collections.Generic;
using System.Threading;

namespace Arena.Match.Simulation
{
    public enum PlayerAction
    {
        Move,
        Fire,
        Reload,
        UseItem,
    }

    public readonly record struct PlayerCommand(int PlayerId, PlayerAction Action, float X, float Y);

    /// <summary>
    /// Authoritative state for one running match. Network receive threads call
    /// <see cref="Submit"/> as packets arrive; a dedicated simulation thread
    /// advances the match at a fixed tick rate.
    /// </summary>
    public sealed class MatchSimulation : IDisposable
    {
        private const int TickMilliseconds = 33;

        private readonly object _inputGate = new();
        private readonly List<PlayerCommand> _pendingCommands = new();
        private readonly Dictionary<int, (float X, float Y)> _positions = new();
        private readonly Dictionary<int, int> _ammo = new();
        private readonly Thread _tickThread;
        private volatile bool _running = true;
        private long _tick;

        public MatchSimulation(IEnumerable<int> playerIds)
        {
            foreach (var id in playerIds)
            {
                _positions[id] = (0f, 0f);
                _ammo[id] = 30;
            }

            _tickThread = new Thread(RunLoop) { IsBackground = true, Name = "match-tick" };
            _tickThread.Start();
        }

        public long CurrentTick => Interlocked.Read(ref _tick);

        public void Submit(PlayerCommand command)
        {
            lock (_inputGate)
            {
                _pendingCommands.Add(command);
            }
        }

        private void RunLoop()
        {
            while (_running)
            {
                ProcessPendingCommands();
                Interlocked.Increment(ref _tick);
                Thread.Sleep(TickMilliseconds);
            }
        }

        private void ProcessPendingCommands()
        {
            foreach (var command in _pendingCommands)
            {
                if (!_positions.ContainsKey(command.PlayerId))
                    continue;

                switch (command.Action)
                {
                    case PlayerAction.Move:
                        _positions[command.PlayerId] = (command.X, command.Y);
                        break;
                    case PlayerAction.Fire:
                        if (_ammo[command.PlayerId] > 0)
                            _ammo[command.PlayerId]--;
                        break;
                    case PlayerAction.Reload:
                        _ammo[command.PlayerId] = 30;
                        break;
                }
            }

            lock (_inputGate)
            {
                _pendingCommands.Clear();
            }
        }

        public void Dispose()
        {
            _running = false;
            _tickThread.Join();
        }
    }
}
