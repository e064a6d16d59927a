using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Blind62.PuzzleHunt.Sessions
{
    /// <summary>
    /// One solver's live session in the hunt app: which puzzles they have open and the
    /// hints they have unlocked. Several browser tabs can hit the same session at once.
    /// </summary>
    public sealed class SolverSession
    {
        private readonly object _gate = new();
        private readonly HashSet<string> _openPuzzles = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _hints = new();
        private long _lastSeenTicks;

        public SolverSession(string userId)
        {
            UserId = userId;
            Touch();
        }

        public string UserId { get; }

        public DateTime LastSeenUtc => new(Interlocked.Read(ref _lastSeenTicks), DateTimeKind.Utc);

        public void Touch() => Interlocked.Exchange(ref _lastSeenTicks, DateTime.UtcNow.Ticks);

        public void OpenPuzzle(string puzzle)
        {
            Touch();
            lock (_gate)
            {
                _openPuzzles.Add(puzzle);
            }
        }

        public bool UnlockHint(string hintId, int maxHints)
        {
            Touch();
            lock (_gate)
            {
                if (_hints.Count >= maxHints || _hints.Contains(hintId))
                {
                    return false;
                }

                _hints.Add(hintId);
                return true;
            }
        }

        public (string[] OpenPuzzles, string[] Hints) Describe()
        {
            lock (_gate)
            {
                var open = new string[_openPuzzles.Count];
                _openPuzzles.CopyTo(open);
                return (open, _hints.ToArray());
            }
        }
    }

    /// <summary>App-wide registry of solver sessions.</summary>
    public sealed class SolverSessionRegistry
    {
        private readonly ConcurrentDictionary<string, SolverSession> _sessions = new(StringComparer.Ordinal);

        public SolverSession GetOrStart(string userId) => _sessions.GetOrAdd(userId, id => new SolverSession(id));

        public bool TryGet(string userId, out SolverSession? session) => _sessions.TryGetValue(userId, out session);

        public int Count => _sessions.Count;

        internal int EvictIdle(TimeSpan idleFor)
        {
            var cutoff = DateTime.UtcNow - idleFor;
            int evicted = 0;
            foreach (var pair in _sessions)
            {
                if (pair.Value.LastSeenUtc < cutoff && _sessions.TryRemove(pair))
                {
                    evicted++;
                }
            }

            return evicted;
        }
    }

    public sealed class SessionSweeper : BackgroundService
    {
        private readonly SolverSessionRegistry _registry;

        public SessionSweeper(SolverSessionRegistry registry) => _registry = registry;

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                _registry.EvictIdle(TimeSpan.FromHours(2));
            }
        }
    }
}
