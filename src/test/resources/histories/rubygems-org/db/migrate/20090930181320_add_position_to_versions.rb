# frozen_string_literal: true

class AddPositionToVersions < ActiveRecord::Migration[4.2]
  def self.up
    add_column :versions, :position, :integer

    # Rubygem.find_each(&:reorder_versions)
  end

  def self.down
    remove_column :versions, :position
  end
end
