package config

import "go.yaml.in/yaml/v3"

// siteKeys are the keys accepted under site:.
var siteKeys = []string{"unsafe_html"}

// site reads the site: mapping (the settings of pm site).
func (p *parser) site(v *yaml.Node, cfg *Config) error {
	if set, err := p.mapping(v, "site"); err != nil || !set {
		return err
	}
	return p.pairs(v, "site", func(k, val *yaml.Node) error {
		switch k.Value {
		case "unsafe_html":
			if isNull(val) {
				return nil
			}
			var b bool
			if val.Kind != yaml.ScalarNode || val.ShortTag() != "!!bool" || val.Decode(&b) != nil {
				return p.errorf(val, "config.bool", "site.unsafe_html", describe(val))
			}
			cfg.Site.UnsafeHTML = b
			return nil
		}
		return p.unknown(k, "site", siteKeys)
	})
}
