using Microsoft.Extensions.Options;

namespace ActorPool.Hosting;

/// <summary>Checks a hosted pool's options as <see cref="ProcessPool.StartAsync"/> would, when the host starts, naming the pool and its configuration section.</summary>
internal sealed class ActorPoolOptionsValidator(string name, string section) : IValidateOptions<ActorPoolOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, ActorPoolOptions options)
    {
        if (optionsName != name)
            return ValidateOptionsResult.Skip;
        try
        {
            var poolOptions = options.ToPoolOptions(name, null, null);
            poolOptions.Validate();
            // The HOCON's own settings too, as StartAsync reads them.
            Configuration.PoolSettings.From(Configuration.PoolConfig.Merge(poolOptions.Config));
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ValidateOptionsResult.Fail($"ActorPool '{name}' (configuration section '{section}'): {e.Message}");
        }
    }
}
