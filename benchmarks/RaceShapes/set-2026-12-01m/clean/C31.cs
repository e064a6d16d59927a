namespace Energy.Metering;

public readonly struct MeterSample
{
    public MeterSample(long cumulativeWh, double voltage, double powerFactor, DateTime utc)
    {
        CumulativeWh = cumulativeWh;
        Voltage = voltage;
        PowerFactor = powerFactor;
        Utc = utc;
    }

    public long CumulativeWh { get; }
    public double Voltage { get; }
    public double PowerFactor { get; }
    public DateTime Utc { get; }
}

/// <summary>
/// Latest register values of one smart meter. The meter gateway pushes samples on its
/// receive thread while billing and the customer portal read them.
/// </summary>
public sealed class MeterRegister
{
    private readonly object _sync = new();
    private MeterSample _latest;
    private MeterSample _billingStart;

    public void Push(MeterSample sample)
    {
        lock (_sync)
        {
            if (sample.Utc <= _latest.Utc)
            {
                return;
            }

            _latest = sample;
        }
    }

    public MeterSample Latest
    {
        get
        {
            lock (_sync)
            {
                return _latest;
            }
        }
    }

    /// <summary>Closes the billing period and returns the energy used during it.</summary>
    public long CloseBillingPeriod()
    {
        lock (_sync)
        {
            var used = _latest.CumulativeWh - _billingStart.CumulativeWh;
            _billingStart = _latest;
            return Math.Max(0, used);
        }
    }

    public long UsedSoFarWh
    {
        get
        {
            lock (_sync)
            {
                return Math.Max(0, _latest.CumulativeWh - _billingStart.CumulativeWh);
            }
        }
    }
}
