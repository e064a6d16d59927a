namespace Blind61.Distillery.Warehouse;

public sealed record CaskClimate(string Warehouse, double AverageTempC, double AverageHumidity, int Samples);

/// <summary>
/// Rolling average of temperature and humidity for a bonded warehouse over the last N sensor
/// samples. Sensor gateways for every rack call <see cref="Add"/>; the duty manager's app and
/// the excise report read <see cref="Snapshot"/>.
/// </summary>
public sealed class WarehouseClimateAverage
{
    private readonly string _warehouse;
    private readonly double[] _temps;
    private readonly double[] _humidity;
    private readonly object _sync = new();
    private int _next;
    private int _filled;
    private double _tempSum;
    private double _humiditySum;

    public WarehouseClimateAverage(string warehouse, int window)
    {
        _warehouse = warehouse;
        _temps = new double[window];
        _humidity = new double[window];
    }

    public void Add(double tempC, double humidity)
    {
        lock (_sync)
        {
            if (_filled == _temps.Length)
            {
                _tempSum -= _temps[_next];
                _humiditySum -= _humidity[_next];
            }
            else
            {
                _filled++;
            }

            _temps[_next] = tempC;
            _humidity[_next] = humidity;
            _tempSum += tempC;
            _humiditySum += humidity;
            _next = (_next + 1) % _temps.Length;
        }
    }

    public CaskClimate Snapshot()
    {
        lock (_sync)
        {
            if (_filled == 0)
                return new CaskClimate(_warehouse, double.NaN, double.NaN, 0);
            return new CaskClimate(_warehouse, _tempSum / _filled, _humiditySum / _filled, _filled);
        }
    }

    public double[] RecentTemperatures()
    {
        lock (_sync)
        {
            var result = new double[_filled];
            for (var i = 0; i < _filled; i++)
            {
                var idx = (_next - _filled + i + _temps.Length) % _temps.Length;
                result[i] = _temps[idx];
            }
            return result;
        }
    }
}

/// <summary>Gateway that receives MQTT sensor messages for one warehouse.</summary>
public sealed class RackSensorGateway
{
    private readonly WarehouseClimateAverage _average;

    public RackSensorGateway(WarehouseClimateAverage average) => _average = average;

    public Task OnMessageAsync(string topic, ReadOnlyMemory<byte> payload)
    {
        // payload: "21.4;78.2"
        var text = System.Text.Encoding.ASCII.GetString(payload.Span);
        var parts = text.Split(';');
        if (parts.Length == 2
            && double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var t)
            && double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var h))
        {
            _average.Add(t, h);
        }
        return Task.CompletedTask;
    }
}
