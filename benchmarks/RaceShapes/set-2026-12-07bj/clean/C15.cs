using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind62.GlassRecycling.Crushers
{
    public sealed record CrusherJob(string Id, string Colour, double Tonnes);

    /// <summary>
    /// Work queue for one crusher. The owning crusher takes from the back (most recently
    /// loaded, still warm in the hopper); idle crushers take from the front.
    /// </summary>
    public sealed class CrusherDeque
    {
        private readonly object _gate = new();
        private readonly LinkedList<CrusherJob> _jobs = new();

        public void Push(CrusherJob job)
        {
            lock (_gate)
            {
                _jobs.AddLast(job);
            }
        }

        public bool TryPopOwn(out CrusherJob? job)
        {
            lock (_gate)
            {
                if (_jobs.Last is { } last)
                {
                    _jobs.RemoveLast();
                    job = last.Value;
                    return true;
                }
            }

            job = null;
            return false;
        }

        public bool TrySteal(out CrusherJob? job)
        {
            lock (_gate)
            {
                if (_jobs.Count > 1 && _jobs.First is { } first)
                {
                    _jobs.RemoveFirst();
                    job = first.Value;
                    return true;
                }
            }

            job = null;
            return false;
        }
    }

    public sealed class CrusherHall
    {
        private readonly CrusherDeque[] _deques;
        private readonly Action<int, CrusherJob> _crush;
        private int _nextIntake;

        public CrusherHall(int crushers, Action<int, CrusherJob> crush)
        {
            _deques = new CrusherDeque[crushers];
            for (int i = 0; i < crushers; i++)
            {
                _deques[i] = new CrusherDeque();
            }

            _crush = crush;
        }

        /// <summary>Called by the weighbridge when a skip is tipped.</summary>
        public void Intake(CrusherJob job)
        {
            int slot = (int)((uint)Interlocked.Increment(ref _nextIntake) % (uint)_deques.Length);
            _deques[slot].Push(job);
        }

        public void RunCrusher(int index, CancellationToken cancellationToken)
        {
            var own = _deques[index];
            while (!cancellationToken.IsCancellationRequested)
            {
                if (own.TryPopOwn(out var job) || TryStealFromOthers(index, out job))
                {
                    _crush(index, job!);
                }
                else
                {
                    Thread.Sleep(25);
                }
            }
        }

        private bool TryStealFromOthers(int thief, out CrusherJob? job)
        {
            for (int offset = 1; offset < _deques.Length; offset++)
            {
                if (_deques[(thief + offset) % _deques.Length].TrySteal(out job))
                {
                    return true;
                }
            }

            job = null;
            return false;
        }
    }
}
