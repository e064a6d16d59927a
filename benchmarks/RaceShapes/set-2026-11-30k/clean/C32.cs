using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;

namespace Arena.Scoring
{
    public sealed record ScoreEntry(int PlayerId, string Name, int Kills, int Deaths);

    public sealed record Scoreboard(long Tick, ImmutableList<ScoreEntry> Entries)
    {
        public static readonly Scoreboard Empty = new(0, ImmutableList<ScoreEntry>.Empty);
    }

    /// <summary>
    /// Match loop of a deathmatch server. Game-logic handlers report kills
    /// from many threads; spectator and HUD endpoints read the latest
    /// scoreboard at any time.
    /// </summary>
    public sealed class DeathmatchLoop : IDisposable
    {
        private readonly record struct Kill(int KillerId, int VictimId);

        private sealed class PlayerStats
        {
            public PlayerStats(string name) => Name = name;
            public string Name { get; }
            public int Kills;
            public int Deaths;
        }

        private readonly ConcurrentQueue<Kill> _kills = new();
        private readonly Dictionary<int, PlayerStats> _stats = new();
        private readonly Thread _thread;
        private volatile bool _stopRequested;
        private Scoreboard _published = Scoreboard.Empty;
        private long _tick;

        public DeathmatchLoop(IReadOnlyDictionary<int, string> players)
        {
            foreach (var (id, name) in players)
                _stats[id] = new PlayerStats(name);

            _thread = new Thread(Run) { IsBackground = true, Name = "deathmatch-loop" };
            _thread.Start();
        }

        public Scoreboard Current => Volatile.Read(ref _published);

        public void ReportKill(int killerId, int victimId) => _kills.Enqueue(new Kill(killerId, victimId));

        private void Run()
        {
            while (!_stopRequested)
            {
                bool changed = false;
                while (_kills.TryDequeue(out var kill))
                {
                    if (_stats.TryGetValue(kill.KillerId, out var killer) && kill.KillerId != kill.VictimId)
                        killer.Kills++;
                    if (_stats.TryGetValue(kill.VictimId, out var victim))
                        victim.Deaths++;
                    changed = true;
                }

                _tick++;
                if (changed)
                    Volatile.Write(ref _published, BuildScoreboard());

                Thread.Sleep(50);
            }
        }

        private Scoreboard BuildScoreboard()
        {
            var entries = _stats
                .Select(kv => new ScoreEntry(kv.Key, kv.Value.Name, kv.Value.Kills, kv.Value.Deaths))
                .OrderByDescending(e => e.Kills)
                .ThenBy(e => e.Deaths)
                .ToImmutableList();
            return new Scoreboard(_tick, entries);
        }

        public void Dispose()
        {
            _stopRequested = true;
            _thread.Join();
        }
    }
}
