// Robustness corpus for the lock rules (FL2001, FL2003): every acquisition kind in correct and wrong shapes.
// Not compiled into the test project; RobustnessTests breaks it up and runs every analyzer over the pieces.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.Locks;

public sealed class Account
{
    private readonly object _gate = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private readonly Semaphore _named = new(1, 1);
    private readonly Mutex _mutex = new();
    private readonly ReaderWriterLockSlim _rw = new();
    private readonly ReaderWriterLock _legacy = new();
    private SpinLock _spin = new(false);
    private decimal _balance;

    public void Deposit(decimal amount)
    {
        lock (_gate)
        {
            _balance += amount;
        }

        using (_lock.EnterScope())
        {
            _balance += 0;
        }
    }

    public void MonitorNoFinally(decimal amount)
    {
        Monitor.Enter(_gate);
        _balance += amount;
        Monitor.Exit(_gate);
    }

    public void MonitorLockTaken()
    {
        bool taken = false;
        try
        {
            Monitor.Enter(_gate, ref taken);
            _balance++;
        }
        finally
        {
            if (taken) Monitor.Exit(_gate);
        }
    }

    public bool MonitorTryEnter()
    {
        if (!Monitor.TryEnter(_gate, TimeSpan.FromMilliseconds(10)))
        {
            return false;
        }

        try
        {
            _balance--;
            return true;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    public void LockEnterExit()
    {
        _lock.Enter();
        if (_balance < 0)
        {
            return;
        }

        _lock.Exit();
    }

    public void LockTryEnterIgnored()
    {
        _lock.TryEnter();
        try { _balance++; } finally { _lock.Exit(); }
    }

    public async Task WaitAsyncInsideTry(CancellationToken ct)
    {
        try
        {
            await _semaphore.WaitAsync(ct).ConfigureAwait(false);
            await Task.Delay(1, ct);
        }
        finally
        {
            _semaphore.Release();
        }
    }

    public async Task<bool> WaitAsyncTimeout(CancellationToken ct)
    {
        if (!await _semaphore.WaitAsync(100, ct))
        {
            return false;
        }

        try
        {
            await Task.Yield();
            return true;
        }
        finally
        {
            _semaphore.Release();
        }
    }

    public void SemaphoreWaitThrowsBetween()
    {
        _semaphore.Wait();
        Validate();
        try
        {
            _balance++;
        }
        finally
        {
            _semaphore.Release();
        }
    }

    public void NamedSemaphoreAndMutex()
    {
        _named.WaitOne();
        try { _balance++; } finally { _named.Release(); }

        bool owned = _mutex.WaitOne(100);
        try { _balance++; } finally { _mutex.ReleaseMutex(); }
    }

    public decimal ReaderWriter(IEnumerable<decimal> values)
    {
        _rw.EnterReadLock();
        try
        {
            foreach (var value in values)
            {
                if (value < 0) break;
            }

            return _balance;
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public void ReaderWriterNormalPathOnly()
    {
        try
        {
            _rw.EnterWriteLock();
            _balance = 0;
            _rw.ExitWriteLock();
        }
        catch (InvalidOperationException)
        {
        }

        if (_rw.TryEnterUpgradeableReadLock(10))
        {
            try { _balance++; } finally { _rw.ExitUpgradeableReadLock(); }
        }
    }

    public void Legacy(int k)
    {
        switch (k)
        {
            case 1:
                _legacy.AcquireReaderLock(1000);
                if (k > 0) return;
                _legacy.ReleaseReaderLock();
                break;
            default:
                _legacy.AcquireWriterLock(1000);
                try { _balance++; } finally { _legacy.ReleaseWriterLock(); }
                break;
        }
    }

    public void Spin()
    {
        bool taken = false;
        try
        {
            _spin.TryEnter(10, ref taken);
            _balance++;
        }
        finally
        {
            _spin.Exit();
        }
    }

    public void DoubleRelease()
    {
        _semaphore.Wait();
        try
        {
            _balance++;
            _semaphore.Release();
        }
        finally
        {
            _semaphore.Release();
        }
    }

    public void LambdasAndLocalFunctions()
    {
        Action a = () =>
        {
            Monitor.Enter(_gate);
            _balance++;
            Monitor.Exit(_gate);
        };

        void Local()
        {
            _semaphore.Wait();
            try { _balance++; } finally { Leave(); }
        }

        a();
        Local();
    }

    public IDisposable Acquire()
    {
        _semaphore.Wait();
        return new Releaser(this);
    }

    private void Leave() => _semaphore.Release();

    private void Validate()
    {
        if (_balance < 0) throw new InvalidOperationException();
    }

    private sealed class Releaser : IDisposable
    {
        private readonly Account _owner;

        public Releaser(Account owner) => _owner = owner;

        public void Dispose() => _owner._semaphore.Release();
    }
}
