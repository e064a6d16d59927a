using System.Collections.Concurrent;

namespace Laundromat.Payments;

public interface ICardReader
{
    Task<bool> CaptureAsync(string machineId, decimal amount, CancellationToken ct);
}

/// <summary>
/// Tracks coin and card credit on each washer and dryer. The card terminal, the coin
/// mech and the machine controller all talk to this singleton concurrently.
/// </summary>
public sealed class MachineCreditLedger
{
    private sealed class MachineAccount
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public decimal Credit;
        public int CyclesStarted;
    }

    private readonly ConcurrentDictionary<string, MachineAccount> _accounts = new();
    private readonly ICardReader _cards;

    public MachineCreditLedger(ICardReader cards) => _cards = cards;

    private MachineAccount Account(string machineId) => _accounts.GetOrAdd(machineId, _ => new MachineAccount());

    public async Task AddCoinsAsync(string machineId, decimal amount, CancellationToken ct)
    {
        var account = Account(machineId);
        await account.Gate.WaitAsync(ct);
        try
        {
            account.Credit += amount;
        }
        finally
        {
            account.Gate.Release();
        }
    }

    public async Task<bool> AddCardCreditAsync(string machineId, decimal amount, CancellationToken ct)
    {
        var account = Account(machineId);
        await account.Gate.WaitAsync(ct);
        try
        {
            if (!await _cards.CaptureAsync(machineId, amount, ct))
            {
                return false;
            }
            account.Credit += amount;
            return true;
        }
        finally
        {
            account.Gate.Release();
        }
    }

    public async Task<bool> TryStartCycleAsync(string machineId, decimal price, CancellationToken ct)
    {
        var account = Account(machineId);
        await account.Gate.WaitAsync(ct);
        try
        {
            if (account.Credit < price)
            {
                return false;
            }
            account.Credit -= price;
            account.CyclesStarted++;
            return true;
        }
        finally
        {
            account.Gate.Release();
        }
    }

    public async Task<(decimal Credit, int Cycles)> ReadAsync(string machineId, CancellationToken ct)
    {
        var account = Account(machineId);
        await account.Gate.WaitAsync(ct);
        try
        {
            return (account.Credit, account.CyclesStarted);
        }
        finally
        {
            account.Gate.Release();
        }
    }
}
