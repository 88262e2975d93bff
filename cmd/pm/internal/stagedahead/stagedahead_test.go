package stagedahead

import (
	"testing"

	"github.com/pm-tools/pm/pkg/config"
)

func TestConfigFileIsConfigs(t *testing.T) {
	if ConfigFile != config.FileName {
		t.Errorf("ConfigFile = %q, config.FileName = %q: pm lint --staged reads the latter, the reading begun ahead the former", ConfigFile, config.FileName)
	}
}
